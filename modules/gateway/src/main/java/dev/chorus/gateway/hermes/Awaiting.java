package dev.chorus.gateway.hermes;

import dev.chorus.gateway.Problem;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers the gateway waits for, by the key that ties an answer to its request (a Hermes {@code id}, a session's
 * customData). Answers nobody waits for are dropped: they belong to other clients.
 */
final class Awaiting<T> {

    private final Map<String, CompletableFuture<T>> pending = new ConcurrentHashMap<>();

    CompletableFuture<T> expect(String key) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        pending.put(key, answer);
        return answer;
    }

    void complete(String key, T value) {
        if (key != null) {
            CompletableFuture<T> waiting = pending.remove(key);
            if (waiting != null) {
                waiting.complete(value);
            }
        }
    }

    /** The answer to {@code key}, or a 504 naming {@code who} when it does not come within {@code timeout}. */
    T await(String key, CompletableFuture<T> answer, Duration timeout, String who) {
        try {
            return within(answer, timeout, who);
        } finally {
            pending.remove(key);
        }
    }

    /**
     * What {@code future} completes with, or a 504 naming {@code who} when it does not within {@code timeout}; the
     * future is then cancelled, which stops the work that was to complete it (push-to-talk's frames).
     */
    static <V> V within(CompletableFuture<V> future, Duration timeout, String who) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new Problem(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "Gateway timeout",
                    who + " did not answer within " + timeout.toMillis() + " ms (is it online? GET /api/modules)");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.brokerUnreachable("interrupted");
        }
    }
}
