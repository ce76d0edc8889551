package dev.chorus.nlu.hermes;

import dev.chorus.nlu.template.Recognition;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code hermes/nlu/query} → {@code hermes/nlu/intentParsed} then {@code hermes/intent/{intentName}}, or
 * {@code hermes/nlu/intentNotRecognized}. A payload that is not a query, and a failure while matching, end on
 * {@code hermes/error/nlu} with the input as context (the runtime reports them).
 */
@Singleton
class QueryListener implements JsonListener<NluQuery> {

    private final ChorusMqtt mqtt;
    private final Trainer trainer;

    QueryListener(ChorusMqtt mqtt, Trainer trainer) {
        this.mqtt = mqtt;
        this.trainer = trainer;
    }

    @Override
    public Class<NluQuery> messageType() {
        return NluQuery.class;
    }

    @Override
    public void onMessage(InboundMessage raw, NluQuery query) {
        Optional<Recognition> r = trainer.recognize(query.input(), query.intentFilter());
        if (r.isEmpty()) {
            mqtt.publish(IntentMessages.notRecognized(query));
            return;
        }
        // Rhasspy's order: intentParsed is acknowledged before the intent goes out
        mqtt.publish(IntentMessages.parsed(query, r.get())).join();
        mqtt.publish(IntentMessages.intent(query, r.get()));
    }
}
