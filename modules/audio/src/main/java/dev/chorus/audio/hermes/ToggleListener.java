package dev.chorus.audio.hermes;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.SiteControls;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.SiteToggle;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/audioServer/toggleOn} / {@code toggleOff} {@code {siteId}}: off = requests for the site are not
 * played (they still get their playFinished, at once).
 */
public abstract class ToggleListener implements JsonListener<SiteToggle> {

    private static final Logger LOG = LoggerFactory.getLogger(ToggleListener.class);

    private final SiteControls controls;
    private final AudioSettings settings;
    private final boolean on;

    ToggleListener(SiteControls controls, AudioSettings settings, boolean on) {
        this.controls = controls;
        this.settings = settings;
        this.on = on;
    }

    @Override
    public String queue() {
        return PlayBytesListener.QUEUE;
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
        if (settings.serves(toggle.siteId())) {
            controls.setOn(toggle.siteId(), on);
            LOG.info("output of site {} toggled {}", toggle.siteId(), on ? "on" : "off");
        }
    }

    @Singleton
    public static class On extends ToggleListener {
        public On(SiteControls controls, AudioSettings settings) {
            super(controls, settings, true);
        }
    }

    @Singleton
    public static class Off extends ToggleListener {
        public Off(SiteControls controls, AudioSettings settings) {
            super(controls, settings, false);
        }
    }
}
