package dev.chorus.skills.builtin.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** One POST of an intent, and what came back: the speech text, nothing, or why it failed. */
final class WebhookClient {

    /** {@code failure} null: the call worked; {@code speech} the answer's text, or null. */
    record Result(String speech, String failure) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    WebhookClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Never fails: the future completes with a {@link Result} within about the timeout. */
    CompletableFuture<Result> post(URI url, byte[] intentJson) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "chorus-skills")
                .POST(HttpRequest.BodyPublishers.ofByteArray(intentJson))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> read(url, response))
                .exceptionally(e -> new Result(null, describe(url, e)))
                .completeOnTimeout(
                        new Result(null, url + ": no answer within " + timeout.toMillis() + " ms"),
                        timeout.toMillis() * 2,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static Result read(URI url, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            return new Result(null, url + ": HTTP " + response.statusCode());
        }
        String body = response.body().strip();
        if (body.isEmpty()) {
            return new Result(null, null);
        }
        try {
            JsonNode text = JSON.readTree(body).path("speech").path("text");
            return new Result(text.isTextual() && !text.asText().isBlank() ? text.asText() : null, null);
        } catch (java.io.IOException e) {
            return new Result(null, url + ": the answer is not JSON");
        }
    }

    private String describe(URI url, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return url + ": no answer within " + timeout.toMillis() + " ms";
        }
        return url + ": " + cause;
    }
}
