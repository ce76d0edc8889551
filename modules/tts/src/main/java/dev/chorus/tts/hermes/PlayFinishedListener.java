package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/** {@code hermes/audioServer/{siteId}/playFinished}: matched on the topic's site and the payload's {@code id}. */
@Singleton
class PlayFinishedListener implements JsonListener<PlayFinished> {

    private final PlaybackTracker tracker;

    PlayFinishedListener(final PlaybackTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public Class<PlayFinished> messageType() {
        return PlayFinished.class;
    }

    @Override
    public void onMessage(final InboundMessage raw, final PlayFinished message) {
        Topics.PLAY_FINISHED.extract(raw.topic(), "siteId").ifPresent(site -> tracker.finished(site, message.id()));
    }
}
