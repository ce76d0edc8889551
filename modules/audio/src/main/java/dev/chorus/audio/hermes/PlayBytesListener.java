package dev.chorus.audio.hermes;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.Player;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/audioServer/{siteId}/playBytes/{requestId}}: hands the WAV to the {@link Player} and returns at
 * once. The runtime calls this for every site on one serial queue, so it must never wait for playback.
 */
@Singleton
public class PlayBytesListener implements MessageListener {

    private static final Logger LOG = LoggerFactory.getLogger(PlayBytesListener.class);

    private final Player player;
    private final AudioSettings settings;

    public PlayBytesListener(Player player, AudioSettings settings) {
        this.player = player;
        this.settings = settings;
    }

    @Override
    public String topicFilter() {
        return settings.onlySite()
                .map(site -> Topics.PLAY_BYTES.filter("siteId", site))
                .orElse(Topics.PLAY_BYTES_FILTER);
    }

    @Override
    public void onMessage(InboundMessage message) {
        Optional<Map<String, String>> levels = Topics.PLAY_BYTES.match(message.topic());
        if (levels.isEmpty()) {
            LOG.warn("ignoring {}: empty siteId or requestId level", message.topic());
            return;
        }
        String siteId = levels.get().get("siteId");
        if (!settings.serves(siteId)) {
            LOG.debug("ignoring {}: site {} is not in CHORUS_AUDIO_SITES", message.topic(), siteId);
            return;
        }
        player.submit(message.topic(), siteId, levels.get().get("requestId"), message.payload());
    }
}
