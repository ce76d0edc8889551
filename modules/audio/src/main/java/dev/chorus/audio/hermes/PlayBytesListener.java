package dev.chorus.audio.hermes;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.Player;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/audioServer/{siteId}/playBytes/{requestId}}: hands the WAV to the {@link Player} and returns at
 * once. The runtime calls this for every site on one serial queue, so it must never wait for playback.
 *
 * <p>At least once: a request for a site we serve is written to the journal ({@code CHORUS_DATA_DIR/journal/play})
 * before it is queued, which acknowledges it to the broker; its entry goes once its playFinished is on the
 * broker. After a crash the module plays again what the journal holds, each with its playFinished.
 */
@Singleton
public class PlayBytesListener implements MessageListener {

    /**
     * One queue for every audioServer listener: a toggleOff, then a playBytes, are handled in that order, and so
     * are a stop or a volume change and the requests around them.
     */
    public static final String QUEUE = "audioServer";

    private static final Logger LOG = LoggerFactory.getLogger(PlayBytesListener.class);

    private final Player player;
    private final AudioSettings settings;
    private final Journal journal;

    public PlayBytesListener(Player player, AudioSettings settings, ModuleSettings module) {
        this.player = player;
        this.settings = settings;
        this.journal = Journal.open(module.dataDir().resolve("journal").resolve("play"));
    }

    @Override
    public String topicFilter() {
        return settings.onlySite()
                .map(site -> Topics.PLAY_BYTES.filter("siteId", site))
                .orElse(Topics.PLAY_BYTES_FILTER);
    }

    @Override
    public String queue() {
        return QUEUE;
    }

    /** What a crash interrupted is played again, before any new request (MQTT connects after start-up). */
    @PostConstruct
    void resumeUnfinished() {
        for (Journal.Entry entry : journal.takeUnfinished()) {
            LOG.info("playing again {}: interrupted by a crash", entry.topic());
            if (!accept(InboundMessage.of(entry.topic(), entry.payload()), entry)) {
                entry.complete();
            }
        }
    }

    @Override
    public void onMessage(InboundMessage message) {
        accept(message, null);
    }

    /** @return false when the request is not for us */
    private boolean accept(InboundMessage message, Journal.Entry resumed) {
        Optional<Map<String, String>> levels = Topics.PLAY_BYTES.match(message.topic());
        if (levels.isEmpty()) {
            LOG.warn("ignoring {}: empty siteId or requestId level", message.topic());
            return false;
        }
        String siteId = levels.get().get("siteId");
        if (!settings.serves(siteId)) {
            LOG.debug("ignoring {}: site {} is not in CHORUS_AUDIO_SITES", message.topic(), siteId);
            return false;
        }
        Journal.Entry entry = resumed;
        if (entry == null) {
            try {
                Optional<Journal.Entry> recorded = journal.record(message);
                if (recorded.isEmpty()) {
                    return true; // delivered again after a crash; the journal's copy is being played
                }
                entry = recorded.get();
            } catch (UncheckedIOException e) {
                LOG.warn("playBytes not journaled, a crash would lose it: {}", e.getMessage());
            }
        }
        player.submit(message.topic(), siteId, levels.get().get("requestId"), message.payload(), entry);
        return true;
    }
}
