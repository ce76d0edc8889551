package dev.chorus.audio.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.PayloadExcerpt;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the audio server publishes: playFinished, and errors on the Hermes and the Chorus error topics. */
@Singleton
public class Replies {

    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private final ChorusMqtt mqtt;
    private final Clock clock = Clock.systemUTC();

    public Replies(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    /** {@code {"id": requestId, "sessionId": requestId}}, no siteId in the payload: what Rhasspy sends. */
    public CompletableFuture<Void> playFinished(String siteId, String requestId) {
        String topic = Topics.playFinished(siteId);
        CompletableFuture<Void> done = mqtt.publishJson(topic, new PlayFinished(requestId, requestId));
        done.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish playFinished {} on {}: {}", requestId, topic, e.toString());
            }
        });
        return done;
    }

    /**
     * {@code hermes/error/audioServer/play} (context and sessionId = the requestId, as Rhasspy's speakers
     * service) and {@code chorus/error/audio}.
     *
     * @param topic     where the failed message came in
     * @param payload   the message, for the excerpt in the Chorus error
     * @param requestId the playBytes requestId, or null for other topics
     */
    public void error(String topic, byte[] payload, String siteId, String requestId, String error) {
        LOG.warn("{}: {}", topic, error);
        publish(Topics.ERROR_AUDIO_SERVER_PLAY, new HermesError(error, siteId, requestId, requestId));
        publish(
                Topics.error(mqtt.settings().module()),
                ChorusError.of(topic, error, PayloadExcerpt.of(payload), clock.instant()));
    }

    private void publish(String topic, Object message) {
        mqtt.publishJson(topic, message).whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish on {}: {}", topic, e.toString());
            }
        });
    }
}
