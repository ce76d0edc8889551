package dev.chorus.nlu.hermes;

import dev.chorus.protocol.messages.NluTemplatesResult;
import dev.chorus.protocol.messages.NluTemplatesSet;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chorus/nlu/templates/set} (MQTT 5 request): stores the set in the data folder and trains it, only if it
 * compiles; replies {@code {ok, id, errors}}. Without a response topic the set is still applied.
 */
@Singleton
class TemplatesSetListener implements JsonListener<NluTemplatesSet> {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatesSetListener.class);

    private final ChorusMqtt mqtt;
    private final Trainer trainer;

    TemplatesSetListener(ChorusMqtt mqtt, Trainer trainer) {
        this.mqtt = mqtt;
        this.trainer = trainer;
    }

    @Override
    public Class<NluTemplatesSet> messageType() {
        return NluTemplatesSet.class;
    }

    @Override
    public void onMessage(InboundMessage raw, NluTemplatesSet set) {
        Trainer.Outcome outcome = trainer.trainAndStore(set.files());
        if (!outcome.ok()) {
            LOG.warn("template set refused: {}", outcome.describe());
        }
        NluTemplatesResult result = new NluTemplatesResult(
                outcome.ok(),
                outcome.id().orElse(null),
                outcome.errors().stream()
                        .map(e -> new NluTemplatesResult.Problem(e.file(), e.line(), e.reason()))
                        .toList());
        if (raw.responseTopic() == null) {
            return;
        }
        mqtt.replyJson(raw, result).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot reply to a template set: {}", e.getMessage());
            }
        });
    }
}
