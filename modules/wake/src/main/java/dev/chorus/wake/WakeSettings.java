package dev.chorus.wake;

import dev.chorus.protocol.messages.ListeningSites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The wake module's validated configuration, from {@code CHORUS_WAKE_*} variables (see {@link WakeSettingsLoader}
 * and modules/wake/CONFIG.md).
 *
 * @param modelsDir  the feature models and the wake word models ({@code *.onnx})
 * @param modelFiles more wake word models, kept elsewhere
 * @param words      the wake word ids to listen for
 * @param threshold  the score (0..1) at which a wake word counts as heard
 * @param refractory how long a site stays quiet after a detection
 * @param sites      the sites listened to, or {@code *} for all
 * @param queue      the most audio queued per site before the oldest is dropped
 */
public record WakeSettings(
        Path modelsDir,
        List<Path> modelFiles,
        List<String> words,
        double threshold,
        Duration refractory,
        Set<String> sites,
        Duration queue) {

    public WakeSettings {
        modelFiles = List.copyOf(modelFiles);
        words = List.copyOf(words);
        sites = Set.copyOf(sites);
    }

    public boolean allSites() {
        return sites.contains(ListeningSites.ALL_SITES);
    }

    /**
     * The site, when this service listens to exactly one: it then subscribes to that site's frames only, which
     * is all a satellite's principal may (broker/acl.conf).
     */
    public Optional<String> onlySite() {
        return !allSites() && sites.size() == 1 ? Optional.of(sites.iterator().next()) : Optional.empty();
    }

    /** True when frames of {@code siteId} are ours (toggles aside). */
    public boolean serves(String siteId) {
        return allSites() || sites.contains(siteId);
    }
}
