package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueOutput;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DialogueOutput} on the module's MQTT connection: QoS 1, in call order (one connection, so the broker
 * keeps the order of the dialogue's messages). Never blocks on the broker: a failed publish is logged. A session
 * is {@link OpenSessions recorded} from its sessionStarted to its sessionEnded, the two messages that say to
 * everyone else that it is open.
 */
final class MqttDialogueOutput implements DialogueOutput {

    private static final Logger LOG = LoggerFactory.getLogger(MqttDialogueOutput.class);

    private final ChorusMqtt mqtt;
    private final OpenSessions open;

    MqttDialogueOutput(ChorusMqtt mqtt, OpenSessions open) {
        this.mqtt = mqtt;
        this.open = open;
    }

    @Override
    public void publish(String topic, Object message) {
        LOG.debug("→ {} {}", topic, message);
        if (message instanceof SessionStarted started) {
            open.started(started); // on disk before anyone hears of it
        }
        CompletableFuture<Void> sent = mqtt.publishJson(topic, message);
        if (message instanceof SessionEnded ended) {
            // on the broker: nobody waits for it any more (if it fails, the next start ends it again)
            sent.thenRun(() -> open.ended(ended.sessionId()));
        }
        warnOnFailure(topic, sent);
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
