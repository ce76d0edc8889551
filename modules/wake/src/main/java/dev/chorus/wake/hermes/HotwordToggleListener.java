package dev.chorus.wake.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.wake.Listening;
import dev.chorus.wake.SiteStreams;
import jakarta.inject.Singleton;

/**
 * {@code hermes/hotword/toggleOn} / {@code toggleOff} {@code {siteId, reason}} with Rhasspy's reason sets
 * ({@link Listening}). A site that comes back starts from a fresh pipeline.
 */
public abstract class HotwordToggleListener implements JsonListener<ReasonToggle> {

    private final Listening listening;
    private final SiteStreams streams;
    private final boolean on;

    HotwordToggleListener(Listening listening, SiteStreams streams, boolean on) {
        this.listening = listening;
        this.streams = streams;
        this.on = on;
    }

    @Override
    public String topicFilter() {
        return on ? Topics.HOTWORD_TOGGLE_ON : Topics.HOTWORD_TOGGLE_OFF;
    }

    @Override
    public Class<ReasonToggle> messageType() {
        return ReasonToggle.class;
    }

    @Override
    public void onMessage(InboundMessage raw, ReasonToggle toggle) {
        if (!on) {
            listening.off(toggle.siteId(), toggle.reason());
        } else if (listening.on(toggle.siteId(), toggle.reason())) {
            streams.reset(toggle.siteId());
        }
    }

    @Singleton
    public static class On extends HotwordToggleListener {
        public On(Listening listening, SiteStreams streams) {
            super(listening, streams, true);
        }
    }

    @Singleton
    public static class Off extends HotwordToggleListener {
        public Off(Listening listening, SiteStreams streams) {
            super(listening, streams, false);
        }
    }
}
