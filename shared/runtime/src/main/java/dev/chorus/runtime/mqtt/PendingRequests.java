package dev.chorus.runtime.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Requests waiting for their reply, keyed by the correlation id (also the last level of the response topic). */
final class PendingRequests {

    private final Map<String, CompletableFuture<InboundMessage>> waiting = new ConcurrentHashMap<>();

    CompletableFuture<InboundMessage> register(String id, Duration timeout) {
        CompletableFuture<InboundMessage> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        answer.whenComplete((m, e) -> waiting.remove(id));
        answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return answer;
    }

    /** @return false when nobody waits for this reply (late, or from before a restart) */
    boolean complete(InboundMessage reply) {
        Optional<String> id = idOf(reply);
        CompletableFuture<InboundMessage> answer = id.map(waiting::get).orElse(null);
        return answer != null && answer.complete(reply);
    }

    void failAll(Throwable reason) {
        waiting.values().forEach(f -> f.completeExceptionally(reason));
    }

    int size() {
        return waiting.size();
    }

    private static Optional<String> idOf(InboundMessage reply) {
        if (reply.correlationData() != null) {
            return Optional.of(new String(reply.correlationData(), StandardCharsets.UTF_8));
        }
        String topic = reply.topic();
        return Optional.of(topic.substring(topic.lastIndexOf('/') + 1));
    }
}
