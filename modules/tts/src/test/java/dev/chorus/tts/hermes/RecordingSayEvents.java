package dev.chorus.tts.hermes;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the module's say events in {@link SayServiceTest}. */
@Singleton
@Requires(property = "spec.name", value = "SayServiceTest")
public class RecordingSayEvents implements SayEvents {

    public record Event(String kind, String siteId, String requestId, int k, int n, String playId, long at) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void started(final String siteId, final String requestId, final long receivedAt, final long nanoTime) {
        events.add(new Event("started", siteId, requestId, 0, 0, null, nanoTime));
    }

    @Override
    public void finished(final String siteId, final String requestId, final long nanoTime) {
        events.add(new Event("finished", siteId, requestId, 0, 0, null, nanoTime));
    }

    @Override
    public void synthesized(
            final String siteId, final String requestId, final int k, final int n, final long nanoTime) {
        events.add(new Event("synthesized", siteId, requestId, k, n, null, nanoTime));
    }

    @Override
    public void published(
            final String siteId,
            final String requestId,
            final int k,
            final int n,
            final String playId,
            final long nanoTime) {
        events.add(new Event("published", siteId, requestId, k, n, playId, nanoTime));
    }

    /** Events of one kind for one say, in the order the tts module fired them (one site thread per say). */
    public List<Event> of(final String kind, final String requestId) {
        return events.stream()
                .filter(e -> e.kind().equals(kind) && e.requestId().equals(requestId))
                .toList();
    }

    public Event find(final String kind, final String requestId, final int k) {
        return events.stream()
                .filter(e -> e.kind().equals(kind) && e.requestId().equals(requestId) && e.k() == k)
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no " + kind + " event for " + requestId + " #" + k + " in " + events));
    }
}
