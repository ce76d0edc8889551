package dev.chorus.asr.hermes;

import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.toggle.SiteToggles;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code hermes/asr/toggleOn} / {@code toggleOff} {@code {siteId, reason}} (see {@link SiteToggles}). */
public abstract class ToggleListener implements JsonListener<ReasonToggle> {

    private static final Logger LOG = LoggerFactory.getLogger(ToggleListener.class);

    private final SiteToggles toggles;
    private final boolean on;

    ToggleListener(SiteToggles toggles, boolean on) {
        this.toggles = toggles;
        this.on = on;
    }

    /** In arrival order with the other session messages ({@link Sessions#QUEUE}). */
    @Override
    public String queue() {
        return Sessions.QUEUE;
    }

    @Override
    public String topicFilter() {
        return on ? Topics.ASR_TOGGLE_ON : Topics.ASR_TOGGLE_OFF;
    }

    @Override
    public Class<ReasonToggle> messageType() {
        return ReasonToggle.class;
    }

    @Override
    public void onMessage(InboundMessage raw, ReasonToggle toggle) {
        if (on) {
            toggles.on(toggle.siteId(), toggle.reason());
        } else {
            toggles.off(toggle.siteId(), toggle.reason());
        }
        LOG.info(
                "site {}: toggle{} \"{}\", now {}",
                toggle.siteId(),
                on ? "On" : "Off",
                toggle.reason(),
                toggles.enabled(toggle.siteId()) ? "on" : "off");
    }

    @Singleton
    public static class On extends ToggleListener {
        public On(SiteToggles toggles) {
            super(toggles, true);
        }
    }

    @Singleton
    public static class Off extends ToggleListener {
        public Off(SiteToggles toggles) {
            super(toggles, false);
        }
    }
}
