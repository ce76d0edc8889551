package dev.chorus.wake.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import dev.chorus.wake.Listening;
import dev.chorus.wake.SiteStreams;
import dev.chorus.wake.WakeSettings;
import dev.chorus.wake.engine.MonoSamples;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/audioServer/{siteId}/audioFrame} (binary WAV, QoS 0 as the mics send it): decodes the frame and
 * hands the samples to {@link SiteStreams}, returning at once. A frame that is not integer PCM WAV (any rate: it is
 * converted to 16 kHz mono), or larger than
 * {@link #MAX_FRAME_BYTES}, is reported on {@code hermes/error/hotword}, at most once per site every
 * {@link #ERROR_INTERVAL_NANOS} (a broken mic sends ~30 frames a second).
 */
@Singleton
public class AudioFrameListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(AudioFrameListener.class);

    /** One second of 16 kHz 16-bit stereo is 128 KB; mics send 20-100 ms frames. */
    static final int MAX_FRAME_BYTES = 1 << 20;

    static final long ERROR_INTERVAL_NANOS = 10_000_000_000L;

    private final WakeSettings settings;
    private final Listening listening;
    private final SiteStreams streams;
    private final ChorusMqtt mqtt;
    private final Map<String, Long> lastError = new ConcurrentHashMap<>();

    public AudioFrameListener(Listening listening, SiteStreams streams, ChorusMqtt mqtt, WakeSettings settings) {
        this.settings = settings;
        this.listening = listening;
        this.streams = streams;
        this.mqtt = mqtt;
    }

    @Override
    public String topicFilter() {
        return settings.onlySite()
                .map(site -> Topics.AUDIO_FRAME.filter("siteId", site))
                .orElse(Topics.AUDIO_FRAME_FILTER);
    }

    @Override
    public int qos() {
        return 0;
    }

    @Override
    public void onMessage(InboundMessage message) {
        Optional<String> site = Topics.AUDIO_FRAME.extract(message.topic(), "siteId");
        if (site.isEmpty() || !listening.listensTo(site.get())) {
            return;
        }
        String siteId = site.get();
        if (message.payload().length > MAX_FRAME_BYTES) {
            reject(siteId, "audio frame too large: " + message.payload().length + " bytes, limit " + MAX_FRAME_BYTES);
            return;
        }
        try {
            streams.offer(siteId, MonoSamples.of(message.payload()));
        } catch (InvalidAudioException e) {
            reject(siteId, "bad audio frame: " + e.getMessage());
        }
    }

    private void reject(String siteId, String error) {
        long now = System.nanoTime();
        Long last = lastError.get(siteId);
        if (last != null && now - last < ERROR_INTERVAL_NANOS) {
            LOG.debug("site {}: {}", siteId, error);
            return;
        }
        lastError.put(siteId, now);
        LOG.warn("site {}: {}", siteId, error);
        mqtt.publishJson(Topics.ERROR_HOTWORD, new HermesError(error, siteId, Topics.audioFrame(siteId), null))
                .exceptionally(e -> null);
    }
}
