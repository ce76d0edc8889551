package dev.chorus.tts.bench;

import dev.chorus.tts.hermes.SayEvents;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** When the module received each say and published its first playBytes, for the benchmark's breakdown. */
@Singleton
@Requires(property = "spec.name", value = "TtsBenchmark")
public class BenchSayEvents implements SayEvents {

    final Map<String, Long> received = new ConcurrentHashMap<>();
    final Map<String, Long> firstSynthesized = new ConcurrentHashMap<>();
    final Map<String, Long> firstPublished = new ConcurrentHashMap<>();

    @Override
    public void synthesized(
            final String siteId, final String requestId, final int k, final int n, final long nanoTime) {
        if (k == 0) {
            firstSynthesized.put(requestId, nanoTime);
        }
    }

    @Override
    public void started(final String siteId, final String requestId, final long receivedAt, final long nanoTime) {
        received.put(requestId, receivedAt);
    }

    @Override
    public void published(
            final String siteId,
            final String requestId,
            final int k,
            final int n,
            final String playId,
            final long nanoTime) {
        if (k == 0) {
            firstPublished.put(requestId, nanoTime);
        }
    }
}
