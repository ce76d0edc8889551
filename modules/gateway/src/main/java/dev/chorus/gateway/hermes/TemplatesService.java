package dev.chorus.gateway.hermes;

import dev.chorus.gateway.GatewaySettings;
import dev.chorus.gateway.Problem;
import dev.chorus.gateway.Publishing;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.NluTemplates;
import dev.chorus.protocol.messages.NluTemplatesResult;
import dev.chorus.protocol.messages.NluTemplatesSet;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The nlu module's sentence templates, read and replaced over MQTT 5 request/reply ({@code chorus/nlu/templates/get}
 * and {@code /set}): the console edits them without reading any file of the nlu module. A set is stored and trained by
 * the nlu module only if it compiles; otherwise its errors (file, line, reason) come back and the training in force
 * stays.
 */
@Singleton
public class TemplatesService {

    private final ChorusMqtt mqtt;
    private final GatewaySettings settings;
    private final JsonCodec codec;

    TemplatesService(ChorusMqtt mqtt, GatewaySettings settings, JsonCodec codec) {
        this.mqtt = mqtt;
        this.settings = settings;
        this.codec = codec;
    }

    public NluTemplates get() {
        return ask(Topics.NLU_TEMPLATES_GET, Map.of(), NluTemplates.class);
    }

    public NluTemplatesResult set(Map<String, String> files) {
        return ask(Topics.NLU_TEMPLATES_SET, new NluTemplatesSet(files), NluTemplatesResult.class);
    }

    private <T> T ask(String topic, Object request, Class<T> answer) {
        Publishing.requireBroker(mqtt);
        CompletableFuture<InboundMessage> reply = mqtt.requestJson(topic, request, settings.requestTimeout());
        try {
            InboundMessage m = reply.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return codec.decode(m.payload(), answer);
        } catch (TimeoutException e) {
            throw timeout();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw timeout();
            }
            throw Publishing.problem(topic, e.getCause());
        } catch (DecodeException e) {
            throw new Problem(
                    HttpStatus.BAD_GATEWAY,
                    "Bad gateway",
                    "the nlu module's answer is not understood: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problem.brokerUnreachable("interrupted");
        }
    }

    private Problem timeout() {
        return new Problem(
                HttpStatus.GATEWAY_TIMEOUT,
                "Gateway timeout",
                "the nlu module did not answer within "
                        + settings.requestTimeout().toMillis() + " ms (is it online? GET /api/modules)");
    }
}
