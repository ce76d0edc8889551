package dev.chorus.nlu.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.NluTrain;
import dev.chorus.protocol.messages.NluTrainSuccess;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/**
 * {@code rhasspy/nlu/{siteId}/train}: trains again from the template folders; {@code trainSuccess} {@code {id}}, or
 * {@code hermes/error/nlu} with every {@code file:line: reason} (the previous training stays in force).
 */
@Singleton
class TrainListener implements JsonListener<NluTrain> {

    private final ChorusMqtt mqtt;
    private final Trainer trainer;

    TrainListener(ChorusMqtt mqtt, Trainer trainer) {
        this.mqtt = mqtt;
        this.trainer = trainer;
    }

    @Override
    public String topicFilter() {
        return Topics.NLU_TRAIN_FILTER;
    }

    @Override
    public Class<NluTrain> messageType() {
        return NluTrain.class;
    }

    @Override
    public void onMessage(InboundMessage raw, NluTrain request) {
        String siteId = Topics.siteIdOf(raw.topic()).orElse("default");
        Trainer.Outcome outcome = trainer.trainFromLayers();
        if (outcome.ok()) {
            mqtt.publishJson(Topics.nluTrainSuccess(siteId), new NluTrainSuccess(request.id()));
        } else {
            mqtt.publishJson(
                    Topics.ERROR_NLU,
                    new HermesError("training failed: " + outcome.describe(), siteId, request.id(), null));
        }
    }
}
