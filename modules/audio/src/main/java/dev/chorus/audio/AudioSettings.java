package dev.chorus.audio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The audio module's validated configuration, from {@code CHORUS_AUDIO_*} variables
 * (see {@link AudioSettingsLoader} and modules/audio/CONFIG.md).
 *
 * @param device      javax.sound mixer name, or {@code default}; empty = write WAV files to {@code playedDir}
 * @param playedDir   the rolling folder ({@code $CHORUS_DATA_DIR/played})
 * @param keepFiles   most files kept in the folder
 * @param keepBytes   most bytes kept in the folder
 * @param volume      initial volume of every site, 0..1
 * @param queueSize   requests waiting per site (the one playing not counted)
 * @param queueBytes  payload bytes held in memory over all sites, playing ones included
 * @param maxDuration longest audio accepted in one request
 * @param sites       the sites this server plays for; empty = every site
 */
public record AudioSettings(
        Optional<String> device,
        Path playedDir,
        int keepFiles,
        long keepBytes,
        double volume,
        int queueSize,
        long queueBytes,
        Duration maxDuration,
        Set<String> sites) {

    public AudioSettings {
        sites = Set.copyOf(sites);
    }

    /**
     * The site, when this server plays for exactly one: it then subscribes to that site's topics only, which
     * is all a satellite's principal may (broker/acl.conf).
     */
    public Optional<String> onlySite() {
        return sites.size() == 1 ? Optional.of(sites.iterator().next()) : Optional.empty();
    }

    /** True when requests for {@code siteId} are ours. */
    public boolean serves(String siteId) {
        return sites.isEmpty() || sites.contains(siteId);
    }
}
