package dev.chorus.gateway.hermes;

import dev.chorus.gateway.GatewaySettings;
import dev.chorus.gateway.Publishing;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the NLU what a sentence means: {@code hermes/nlu/query} with a fresh id, answered by {@code intentParsed} or
 * {@code intentNotRecognized} with the same id. Only the NLU is involved: no session, nothing spoken.
 */
@Singleton
public class IntentService {

    private final ChorusMqtt mqtt;
    private final GatewaySettings settings;
    private final Awaiting<Optional<NluIntentParsed>> answers = new Awaiting<>();

    IntentService(ChorusMqtt mqtt, GatewaySettings settings) {
        this.mqtt = mqtt;
        this.settings = settings;
    }

    /** The parsed intent, or empty when the NLU did not recognise the sentence. */
    public Optional<NluIntentParsed> recognize(String text, String siteId, List<String> intentFilter) {
        Publishing.requireBroker(mqtt);
        String id = UUID.randomUUID().toString();
        CompletableFuture<Optional<NluIntentParsed>> answer = answers.expect(id);
        NluQuery query = new NluQuery(text, siteId, id, intentFilter, null, null, null, null, null, null);
        Publishing.await(mqtt.publish(query), Topics.NLU_QUERY, settings.requestTimeout());
        return answers.await(id, answer, settings.requestTimeout(), "the nlu module");
    }

    @Singleton
    static class Parsed implements JsonListener<NluIntentParsed> {

        private final IntentService service;

        Parsed(IntentService service) {
            this.service = service;
        }

        @Override
        public Class<NluIntentParsed> messageType() {
            return NluIntentParsed.class;
        }

        @Override
        public void onMessage(InboundMessage raw, NluIntentParsed message) {
            service.answers.complete(message.id(), Optional.of(message));
        }
    }

    @Singleton
    static class NotRecognized implements JsonListener<NluIntentNotRecognized> {

        private final IntentService service;

        NotRecognized(IntentService service) {
            this.service = service;
        }

        @Override
        public Class<NluIntentNotRecognized> messageType() {
            return NluIntentNotRecognized.class;
        }

        @Override
        public void onMessage(InboundMessage raw, NluIntentNotRecognized message) {
            service.answers.complete(message.id(), Optional.empty());
        }
    }
}
