package dev.chorus.audio.hermes;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.Player;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;

/**
 * {@code chorus/audioServer/{siteId}/stop} (Chorus; the dialogue manager sends it when a wake word interrupts the
 * site): stops what the site plays and drops what it has queued, each with its playFinished. The payload is not
 * read: the site is the topic's.
 */
@Singleton
public class StopListener implements MessageListener {

    private final Player player;
    private final AudioSettings settings;

    public StopListener(Player player, AudioSettings settings) {
        this.player = player;
        this.settings = settings;
    }

    @Override
    public String queue() {
        return PlayBytesListener.QUEUE;
    }

    @Override
    public String topicFilter() {
        return settings.onlySite()
                .map(site -> Topics.AUDIO_SERVER_STOP.filter("siteId", site))
                .orElse(Topics.AUDIO_SERVER_STOP_FILTER);
    }

    @Override
    public void onMessage(InboundMessage message) {
        Topics.AUDIO_SERVER_STOP
                .extract(message.topic(), "siteId")
                .filter(settings::serves)
                .ifPresent(player::stop);
    }
}
