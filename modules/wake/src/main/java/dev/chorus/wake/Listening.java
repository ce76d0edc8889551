package dev.chorus.wake;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.toggle.SiteToggles;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sites the module listens to now: {@code CHORUS_WAKE_SITES} less the sites toggled off
 * ({@code hermes/hotword/toggleOff}), announced retained on {@code chorus/listening/wake} at start, on every
 * change and on every reconnect, so the mic streams only what someone wants. With {@code *} the announcement
 * stays {@code ["*"]} (it cannot say "all but one") and frames of a site toggled off are dropped here. Without
 * models it is {@code []}.
 */
@Singleton
public class Listening implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

    private final ChorusMqtt mqtt;
    private final WakeSettings settings;
    private final WakeEngine engine;
    private final SiteToggles toggles = new SiteToggles();
    private final String module;

    public Listening(ChorusMqtt mqtt, WakeSettings settings, WakeEngine engine) {
        this.mqtt = mqtt;
        this.settings = settings;
        this.engine = engine;
        this.module = mqtt.settings().module();
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        announce();
    }

    /** True when frames of {@code siteId} go through the wake word pipeline now. */
    public boolean listensTo(String siteId) {
        return engine.engine().isPresent() && settings.serves(siteId) && toggles.enabled(siteId);
    }

    /** {@code hermes/hotword/toggleOff}. */
    public void off(String siteId, String reason) {
        if (settings.serves(siteId) && toggles.off(siteId, reason)) {
            LOG.info("site {} toggled off ({})", siteId, reason.isEmpty() ? "no reason" : reason);
            announce();
        }
    }

    /** {@code hermes/hotword/toggleOn}; returns true when the site listens again. */
    public boolean on(String siteId, String reason) {
        if (settings.serves(siteId) && toggles.on(siteId, reason)) {
            LOG.info("site {} toggled on", siteId);
            announce();
            return true;
        }
        return false;
    }

    ListeningSites current() {
        if (engine.engine().isEmpty()) {
            return new ListeningSites(module, List.of());
        }
        if (settings.allSites()) {
            return new ListeningSites(module, List.of(ListeningSites.ALL_SITES));
        }
        TreeSet<String> sites = new TreeSet<>(settings.sites());
        sites.removeAll(toggles.offSites());
        return new ListeningSites(module, List.copyOf(sites));
    }

    private synchronized void announce() {
        ListeningSites sites = current();
        mqtt.retainJson(Topics.listening(module), sites);
    }
}
