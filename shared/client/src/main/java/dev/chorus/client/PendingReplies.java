package dev.chorus.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests waiting for their reply, keyed by the correlation id (also the last level of the response
 * topic, chorus/reply/&lt;principal&gt;/&lt;id&gt;). A request that gets no reply in time fails with a
 * {@link java.util.concurrent.TimeoutException}.
 *
 * @param <M> the reply type
 */
public final class PendingReplies<M> {

    private final Map<String, CompletableFuture<M>> waiting = new ConcurrentHashMap<>();

    public CompletableFuture<M> register(final String id, final Duration timeout) {
        final CompletableFuture<M> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        // the caller gets the stage that completes after the removal: one woken by the answer sees it gone
        // (a waiter on the answer itself could run before the removal; a test saw size 1 after a timeout)
        return answer.whenComplete((m, e) -> waiting.remove(id));
    }

    /** @return false when nobody waits for this id (a late reply, or one from before a restart) */
    public boolean complete(final String id, final M reply) {
        final CompletableFuture<M> answer = id == null ? null : waiting.get(id);
        return answer != null && answer.complete(reply);
    }

    public void failAll(final Throwable reason) {
        waiting.values().forEach(f -> f.completeExceptionally(reason));
    }

    public int size() {
        return waiting.size();
    }

    /** The id of a reply: its correlation data, else the last level of its topic. */
    public static String idOf(final String topic, final byte[] correlationData) {
        if (correlationData != null) {
            return new String(correlationData, java.nio.charset.StandardCharsets.UTF_8);
        }
        return topic.substring(topic.lastIndexOf('/') + 1);
    }
}
