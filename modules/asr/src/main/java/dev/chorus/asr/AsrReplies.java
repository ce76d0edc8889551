package dev.chorus.asr;

import dev.chorus.asr.decode.Transcript;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.PayloadExcerpt;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything the module publishes about a listening session, in Hermes/Rhasspy shapes. */
@Singleton
public class AsrReplies {

    private static final Logger LOG = LoggerFactory.getLogger(AsrReplies.class);

    /** recordingFinished and audioCaptured are for observers (docs/topics.md): QoS 0. */
    private static final int OBSERVERS_QOS = 0;

    private final ChorusMqtt mqtt;
    private final ListeningJournal journal;
    private final Clock clock = Clock.systemUTC();

    public AsrReplies(ChorusMqtt mqtt, ListeningJournal journal) {
        this.mqtt = mqtt;
        this.journal = journal;
    }

    /**
     * {@code hermes/asr/textCaptured} for the session started by {@code request}; its journal entry goes once
     * the answer is on the broker.
     */
    public void textCaptured(AsrStartListening request, Transcript transcript) {
        LOG.info(
                "site {} session {}: \"{}\" (likelihood {}, decoded in {} s)",
                request.siteId(),
                request.sessionId(),
                transcript.text(),
                String.format("%.2f", transcript.likelihood()),
                String.format("%.3f", transcript.seconds()));
        mqtt.publish(new AsrTextCaptured(
                        transcript.text(),
                        transcript.likelihood(),
                        transcript.seconds(),
                        request.siteId(),
                        request.sessionId(),
                        request.wakewordId(),
                        transcript.tokens().isEmpty() ? null : List.of(transcript.tokens()),
                        request.lang()))
                .whenComplete((ok, failure) -> journal.answered(request, failure == null));
    }

    /** The empty {@code textCaptured} (silence, not trained, no decoder free): no session waits forever. */
    public void nothingCaptured(AsrStartListening request) {
        textCaptured(request, Transcript.empty());
    }

    /** {@code rhasspy/asr/recordingFinished}: the VAD ended the recording, before decoding. */
    public void recordingFinished(AsrStartListening request) {
        // Rhasspy's AsrRecordingFinished is {siteId, sessionId}, the shape (and wire order) of stopListening
        mqtt.publishJson(Topics.ASR_RECORDING_FINISHED, new AsrStopListening(request.siteId(), request.sessionId()));
    }

    /** {@code rhasspy/asr/{siteId}/{sessionId}/audioCaptured}: the recorded audio, a 16 kHz mono WAV. */
    public void audioCaptured(AsrStartListening request, byte[] samples) {
        String sessionId = request.sessionId() == null || request.sessionId().isEmpty() ? "none" : request.sessionId();
        try {
            mqtt.publish(
                    Topics.asrAudioCaptured(request.siteId(), sessionId),
                    Wav.write(PcmConverter.TARGET, samples),
                    OBSERVERS_QOS,
                    false);
        } catch (IllegalArgumentException e) {
            // a site or session id that is not a valid topic level (a '/', '+' or '#' in it)
            error(request.siteId(), request.sessionId(), "audioCaptured not sent: " + e.getMessage());
        }
    }

    /** {@code hermes/error/asr}. */
    public void error(String siteId, String sessionId, String error) {
        LOG.warn("site {} session {}: {}", siteId, sessionId, error);
        mqtt.publishJson(Topics.ERROR_ASR, new HermesError(error, siteId, sessionId, sessionId));
    }

    /** A message the module could not take: {@code hermes/error/asr} and {@code chorus/error/asr}. */
    public void rejected(String topic, byte[] payload, String siteId, String sessionId, String error) {
        error(siteId, sessionId, error);
        mqtt.publishJson(
                Topics.error(Application.MODULE),
                ChorusError.of(topic, error, PayloadExcerpt.of(payload), clock.instant()));
    }
}
