package dev.chorus.skills;

import dev.chorus.protocol.messages.Addressed;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link SkillContext} of a running module: publishes on the module's connection (queued while offline). */
@Singleton
public class MqttSkillContext implements SkillContext {

    private static final Logger LOG = LoggerFactory.getLogger(MqttSkillContext.class);

    private final ChorusMqtt mqtt;

    public MqttSkillContext(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void speak(String siteId, String text) {
        publish(new StartSession(new SessionInit.Notification(text), siteId, null, null));
    }

    @Override
    public void publish(Addressed message) {
        warnOnFailure(mqtt.publish(message), message.topic());
    }

    private static void warnOnFailure(CompletableFuture<Void> sent, String topic) {
        sent.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish on {}: {}", topic, e.toString());
            }
        });
    }
}
