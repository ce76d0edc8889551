package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.SerialExecutor;
import dev.chorus.protocol.TopicFilters;
import dev.chorus.runtime.mqtt.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The registered handlers, grouped by topic filter (one MQTT subscription per distinct filter), and the
 * dispatch of an incoming message to them.
 *
 * <p>Each filter gets an MQTT 5 subscription identifier derived from the filter text, so it stays the
 * same across restarts: messages queued in the broker session while the module was down carry ids that
 * still mean the same filter. With overlapping filters the broker may deliver one copy per subscription;
 * the ids let each copy go only to the handlers of its own filter. Without ids (or with ids we do not
 * know) dispatch falls back to matching the topic against every filter.
 */
public final class Subscriptions {

    static final int MAX_SUBSCRIPTION_ID = 268_435_455;

    public record Handler(String name, Consumer<InboundMessage> body, SerialExecutor executor) {}

    public static final class Group {
        public final String filter;
        public final int subscriptionId;
        volatile int qos;
        final List<Handler> handlers = new CopyOnWriteArrayList<>();

        Group(String filter, int subscriptionId, int qos) {
            this.filter = filter;
            this.subscriptionId = subscriptionId;
            this.qos = qos;
        }
    }

    private final Map<String, Group> byFilter = new ConcurrentHashMap<>();
    private final Map<Integer, Group> byId = new ConcurrentHashMap<>();

    /**
     * @return the group, when it is new or its QoS went up (it needs a SUBSCRIBE), else null
     */
    public synchronized Group add(String filter, int qos, Handler handler) {
        if (!TopicFilters.isValidFilter(filter)) {
            throw new IllegalArgumentException("not a valid MQTT topic filter: \"" + filter + "\"");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        Group group = byFilter.get(filter);
        boolean subscribe = false;
        if (group == null) {
            group = new Group(filter, freeId(filter), qos);
            byFilter.put(filter, group);
            byId.put(group.subscriptionId, group);
            subscribe = true;
        } else if (qos > group.qos) {
            group.qos = qos;
            subscribe = true;
        }
        group.handlers.add(handler);
        return subscribe ? group : null;
    }

    public List<Group> groups() {
        return new ArrayList<>(byFilter.values());
    }

    /** A message without an ack to wait for (QoS 0, tests). @return false when no handler matched */
    public boolean dispatch(InboundMessage message, List<Integer> subscriptionIds) {
        return dispatch(message, subscriptionIds, () -> {});
    }

    /**
     * @param ack run once every handler the message goes to returned or released it early ({@link CurrentAck});
     *     at once when none matched
     * @return false when no handler matched
     */
    public boolean dispatch(InboundMessage message, List<Integer> subscriptionIds, Runnable ack) {
        List<Group> targets = new ArrayList<>();
        for (Integer id : subscriptionIds) {
            Group group = byId.get(id);
            if (group != null && TopicFilters.matches(group.filter, message.topic()) && !targets.contains(group)) {
                targets.add(group);
            }
        }
        if (targets.isEmpty()) {
            for (Group group : byFilter.values()) {
                if (TopicFilters.matches(group.filter, message.topic())) {
                    targets.add(group);
                }
            }
        }
        List<Handler> handlers = new ArrayList<>();
        targets.forEach(group -> handlers.addAll(group.handlers));
        Runnable[] shares = CurrentAck.shares(ack, handlers.size());
        for (int i = 0; i < handlers.size(); i++) {
            Handler handler = handlers.get(i);
            Runnable share = shares[i];
            handler.executor()
                    .execute(() -> CurrentAck.run(share, () -> handler.body().accept(message)));
        }
        return !targets.isEmpty();
    }

    public boolean idle() {
        return byFilter.values().stream()
                .flatMap(g -> g.handlers.stream())
                .allMatch(h -> h.executor().idle());
    }

    private int freeId(String filter) {
        CRC32 crc = new CRC32();
        crc.update(filter.getBytes(StandardCharsets.UTF_8));
        int id = (int) (crc.getValue() % MAX_SUBSCRIPTION_ID) + 1;
        while (byId.containsKey(id)) {
            id = id % MAX_SUBSCRIPTION_ID + 1;
        }
        return id;
    }
}
