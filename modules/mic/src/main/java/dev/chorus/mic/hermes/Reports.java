package dev.chorus.mic.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.PayloadExcerpt;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Audio the module cannot stream: {@code hermes/error/audioServer/record} and {@code chorus/error/mic}. */
@Singleton
public class Reports {

    private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

    private final ChorusMqtt mqtt;
    private final Clock clock = Clock.systemUTC();

    public Reports(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    /**
     * @param siteId  the site the audio was for
     * @param context what was refused (a file name, a sender), the Hermes error's {@code context}
     * @param payload the start of the refused audio, for the excerpt in the Chorus error
     */
    public void error(String siteId, String context, byte[] payload, String error) {
        LOG.warn("site {}, {}: {}", siteId, context, error);
        publish(Topics.ERROR_AUDIO_SERVER_RECORD, new HermesError(error, siteId, context, null));
        publish(
                Topics.error(mqtt.settings().module()),
                ChorusError.of(
                        Topics.audioFrame(siteId),
                        context + ": " + error,
                        PayloadExcerpt.of(payload),
                        clock.instant()));
    }

    private void publish(String topic, Object message) {
        mqtt.publishJson(topic, message).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish on {}: {}", topic, e.toString());
            }
        });
    }
}
