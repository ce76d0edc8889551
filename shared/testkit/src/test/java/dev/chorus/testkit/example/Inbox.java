package dev.chorus.testkit.example;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.runtime.mqtt.InboundMessage;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the example module's listeners received, for assertions. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class Inbox {

    public record Entry(String listener, InboundMessage message, Object decoded) {}

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(String listener, InboundMessage message, Object decoded) {
        entries.add(new Entry(listener, message, decoded));
    }

    public List<Entry> all() {
        return List.copyOf(entries);
    }

    public List<Entry> of(String listener) {
        return entries.stream().filter(e -> e.listener().equals(listener)).toList();
    }

    public List<Entry> on(String filter) {
        return entries.stream()
                .filter(e -> TopicFilters.matches(filter, e.message().topic()))
                .toList();
    }
}
