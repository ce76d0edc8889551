package dev.chorus.gateway.hermes;

import dev.chorus.gateway.GatewaySettings;
import dev.chorus.gateway.Problem;
import dev.chorus.gateway.Publishing;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The tts module's voices, asked with {@code rhasspy/tts/getVoices} (a fresh id each time) and answered on
 * {@code rhasspy/tts/voices}; kept for a minute.
 */
@Singleton
public class VoicesService implements JsonListener<Voices> {

    static final Duration FRESH = Duration.ofMinutes(1);

    private record Cached(List<Voices.Voice> voices, long at) {}

    private final ChorusMqtt mqtt;
    private final GatewaySettings settings;
    private final Map<String, CompletableFuture<Voices>> pending = new ConcurrentHashMap<>();
    private volatile Cached cached;

    VoicesService(ChorusMqtt mqtt, GatewaySettings settings) {
        this.mqtt = mqtt;
        this.settings = settings;
    }

    @Override
    public Class<Voices> messageType() {
        return Voices.class;
    }

    @Override
    public void onMessage(InboundMessage raw, Voices message) {
        if (message.id() != null) {
            CompletableFuture<Voices> waiting = pending.remove(message.id());
            if (waiting != null) {
                waiting.complete(message);
            }
        }
    }

    /** The voices, asking the tts module when the last answer is older than a minute. */
    public List<Voices.Voice> voices() {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.at() < FRESH.toNanos()) {
            return c.voices();
        }
        return ask(settings.requestTimeout());
    }

    /** The voices when they can be known quickly (for checking a say), else empty: the tts module decides. */
    public Optional<List<Voices.Voice>> knownVoices() {
        Cached c = cached;
        if (c != null && System.nanoTime() - c.at() < FRESH.toNanos()) {
            return Optional.of(c.voices());
        }
        if (!mqtt.isConnected()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ask(
                    Duration.ofMillis(Math.min(2000, settings.requestTimeout().toMillis()))));
        } catch (Problem e) {
            return c == null ? Optional.empty() : Optional.of(c.voices());
        }
    }

    private List<Voices.Voice> ask(Duration timeout) {
        if (!mqtt.isConnected()) {
            throw Problem.brokerUnreachable("the gateway is not connected to the MQTT broker");
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Voices> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            mqtt.publish(new GetVoices(id, null)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Voices voices = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            cached = new Cached(List.copyOf(voices.voices()), System.nanoTime());
            return cached.voices();
        } catch (TimeoutException e) {
            throw new Problem(
                    HttpStatus.GATEWAY_TIMEOUT,
                    "Gateway timeout",
                    "the tts module did not answer " + Topics.TTS_GET_VOICES + " within " + timeout.toMillis()
                            + " ms (is it online? GET /api/modules)");
        } catch (ExecutionException e) {
            throw Publishing.problem(Topics.TTS_GET_VOICES, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.brokerUnreachable("interrupted");
        } finally {
            pending.remove(id);
        }
    }
}
