package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.PayloadExcerpt;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the tts module publishes. */
@Singleton
class TtsReplies {

    private static final Logger LOG = LoggerFactory.getLogger(TtsReplies.class);
    /** How long a publish may wait for the broker (queued while offline) before it counts as failed. */
    static final long PUBLISH_WAIT_MS = 30_000;

    private final ChorusMqtt mqtt;
    private final Clock clock = Clock.systemUTC();

    TtsReplies(final ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    /**
     * {@code hermes/tts/sayFinished}. Not waited for: the outbox keeps it ahead of anything the
     * site publishes next, and a failure is logged (it can only mean the broker is gone).
     */
    CompletableFuture<Void> sayFinished(final String siteId, final String id, final String sessionId) {
        return publish(Topics.TTS_SAY_FINISHED, new TtsSayFinished(siteId, id, sessionId));
    }

    /**
     * {@code hermes/error/tts} (context = the say id, as Rhasspy) and {@code chorus/error/tts}.
     *
     * @param topic   where the failed message came in
     * @param payload the message, for the excerpt in the Chorus error
     */
    void error(
            final String topic,
            final byte[] payload,
            final String siteId,
            final String id,
            final String sessionId,
            final String error) {
        LOG.warn("{} (site {}, id {}): {}", topic, siteId, id, error);
        publish(Topics.ERROR_TTS, new HermesError(error, siteId, id, sessionId));
        publish(
                Topics.error(mqtt.settings().module()),
                ChorusError.of(topic, error, PayloadExcerpt.of(payload), clock.instant()));
    }

    /** {@code hermes/audioServer/{siteId}/playBytes/{playId}}: completes when the broker acknowledged it. */
    CompletableFuture<Void> playBytes(final String siteId, final String playId, final byte[] wav) {
        return mqtt.publish(Topics.playBytes(siteId, playId), wav, 1, false);
    }

    void voices(final Voices voices) {
        publish(Topics.TTS_VOICES, voices);
    }

    private CompletableFuture<Void> publish(final String topic, final Object message) {
        final CompletableFuture<Void> done = mqtt.publishJson(topic, message);
        done.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish on {}: {}", topic, e.toString());
            }
        });
        return done;
    }
}
