package dev.chorus.mic.hermes;

import dev.chorus.mic.Listening;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.SiteToggle;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/**
 * {@code hermes/audioServer/toggleOff} / {@code toggleOn} {@code {siteId}}: off = the site's microphone is muted
 * (no frames) until toggled on, whoever listens; what Rhasspy's audio input services do.
 */
public abstract class ToggleListener implements JsonListener<SiteToggle> {

    private final Listening listening;
    private final boolean on;

    ToggleListener(Listening listening, boolean on) {
        this.listening = listening;
        this.on = on;
    }

    @Override
    public String topicFilter() {
        return on ? Topics.AUDIO_TOGGLE_ON : Topics.AUDIO_TOGGLE_OFF;
    }

    @Override
    public Class<SiteToggle> messageType() {
        return SiteToggle.class;
    }

    @Override
    public void onMessage(InboundMessage raw, SiteToggle toggle) {
        listening.toggle(toggle.siteId(), on);
    }

    @Singleton
    public static class On extends ToggleListener {
        public On(Listening listening) {
            super(listening, true);
        }
    }

    @Singleton
    public static class Off extends ToggleListener {
        public Off(Listening listening) {
            super(listening, false);
        }
    }
}
