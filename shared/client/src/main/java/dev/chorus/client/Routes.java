package dev.chorus.client;

import dev.chorus.protocol.TopicFilters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Which handler gets which message: each subscribed filter with its handler. A message goes once to every
 * distinct handler with a matching filter (two overlapping filters of one handler do not double it; two
 * copies from the broker, one per subscription, still arrive twice, as with plain Paho).
 */
final class Routes {

    private record Route(String filter, Consumer<ReceivedMessage> handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    void add(final List<String> filters, final Consumer<ReceivedMessage> handler) {
        for (final String filter : filters) {
            routes.add(new Route(filter, handler));
        }
    }

    void remove(final List<String> filters, final Consumer<ReceivedMessage> handler) {
        routes.removeIf(r -> r.handler == handler && filters.contains(r.filter));
    }

    List<Consumer<ReceivedMessage>> handlersFor(final String topic) {
        final List<Consumer<ReceivedMessage>> matching = new ArrayList<>(2);
        for (final Route route : routes) {
            if (!matching.contains(route.handler) && TopicFilters.matches(route.filter, topic)) {
                matching.add(route.handler);
            }
        }
        return matching;
    }
}
