package dev.chorus.mic.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code hermes/audioServer/{siteId}/audioFrame}: each frame one small WAV (44-byte header, 16 kHz mono
 * 16-bit), QoS 0, not retained, as Rhasspy's audio input services. Nothing is queued while the broker is away: a
 * frame that cannot go out now is dropped, as a live microphone's audio would be.
 */
@Singleton
public class Frames {

    private static final Logger LOG = LoggerFactory.getLogger(Frames.class);

    private final ChorusMqtt mqtt;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public Frames(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    /** Whether a frame published now would reach the broker. */
    public boolean connected() {
        return mqtt.isConnected();
    }

    /**
     * Publishes one frame of 16 kHz mono 16-bit samples.
     *
     * @return false when not connected (the frame is dropped)
     */
    public boolean publish(String siteId, byte[] samples) {
        if (!mqtt.isConnected()) {
            return false;
        }
        byte[] wav = Wav.write(PcmConverter.TARGET, samples);
        mqtt.publish(Topics.audioFrame(siteId), wav, 0, false).whenComplete((ok, e) -> {
            if (e == null) {
                sent.incrementAndGet();
            } else if (failed.incrementAndGet() % 100 == 1) {
                LOG.warn("audio frame of {} not sent ({} so far): {}", siteId, failed.get(), e.toString());
            }
        });
        return true;
    }

    /** Frames written to the connection so far. */
    public long sent() {
        return sent.get();
    }
}
