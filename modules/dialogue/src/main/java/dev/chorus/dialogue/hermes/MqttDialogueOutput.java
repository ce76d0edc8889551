package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueOutput;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DialogueOutput} on the module's MQTT connection: QoS 1, in call order (one connection, so the broker
 * keeps the order of the dialogue's messages). Never blocks: a failed publish is logged.
 */
final class MqttDialogueOutput implements DialogueOutput {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDialogueOutput.class);

    private final ChorusMqtt mqtt;

    MqttDialogueOutput(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void publish(String topic, Object message) {
        LOG.debug("→ {} {}", topic, message);
        warnOnFailure(topic, mqtt.publishJson(topic, message));
    }

    @Override
    public void publishBytes(String topic, byte[] payload) {
        LOG.debug("→ {} ({} bytes)", topic, payload.length);
        warnOnFailure(topic, mqtt.publish(topic, payload));
    }

    private static void warnOnFailure(String topic, CompletableFuture<Void> sent) {
        sent.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish on {}: {}", topic, e.toString());
            }
        });
    }
}
