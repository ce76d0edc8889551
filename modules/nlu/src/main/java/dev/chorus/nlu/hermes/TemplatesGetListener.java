package dev.chorus.nlu.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.NluTemplates;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code chorus/nlu/templates/get} (MQTT 5 request, any payload): replies with the template set in force, its
 * layer and grammar id; before any training, with no files and layer {@code none}.
 */
@Singleton
class TemplatesGetListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatesGetListener.class);

    private final ChorusMqtt mqtt;
    private final Trainer trainer;

    TemplatesGetListener(ChorusMqtt mqtt, Trainer trainer) {
        this.mqtt = mqtt;
        this.trainer = trainer;
    }

    @Override
    public String topicFilter() {
        return Topics.NLU_TEMPLATES_GET;
    }

    @Override
    public void onMessage(InboundMessage message) {
        NluTemplates reply = trainer.current()
                .map(t -> new NluTemplates(
                        t.contents().files(),
                        t.contents().layer().name(),
                        t.templates().id()))
                .orElse(new NluTemplates(Map.of(), "none", null));
        mqtt.replyJson(message, reply).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot reply to {}: {}", Topics.NLU_TEMPLATES_GET, e.getMessage());
            }
        });
    }
}
