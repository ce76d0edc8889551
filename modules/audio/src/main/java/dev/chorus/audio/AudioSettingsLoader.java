package dev.chorus.audio;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link AudioSettings} through {@link EnvReader}, like the shared runtime reads its own
 * variables: blank counts as unset, and every problem is a {@link ConfigException} naming the variable.
 */
public final class AudioSettingsLoader {

    public static final String DEVICE = "CHORUS_AUDIO_DEVICE";
    public static final String KEEP_FILES = "CHORUS_AUDIO_KEEP_FILES";
    public static final String KEEP_BYTES = "CHORUS_AUDIO_KEEP_BYTES";
    public static final String VOLUME = "CHORUS_AUDIO_VOLUME";
    public static final String QUEUE_SIZE = "CHORUS_AUDIO_QUEUE_SIZE";
    public static final String QUEUE_BYTES = "CHORUS_AUDIO_QUEUE_BYTES";
    public static final String MAX_DURATION = "CHORUS_AUDIO_MAX_DURATION";
    public static final String SITES = "CHORUS_AUDIO_SITES";

    public static final int DEFAULT_KEEP_FILES = 100;
    public static final long DEFAULT_KEEP_BYTES = 100L << 20;
    public static final int DEFAULT_QUEUE_SIZE = 20;
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_DURATION_SECONDS = 600;
    /** Subfolder of the data folder that holds the played files. */
    public static final String PLAYED = "played";

    private static final Pattern SITE = Pattern.compile("[^/+#\\s\\u0000]{1,256}");

    private AudioSettingsLoader() {}

    public static AudioSettings load(EnvSource source, Path dataDir) {
        EnvReader env = new EnvReader(source);
        Optional<String> device = Optional.ofNullable(env.text(DEVICE, null));
        int keepFiles = env.integer(KEEP_FILES, DEFAULT_KEEP_FILES, 1, 1_000_000);
        long keepBytes = env.size(KEEP_BYTES, DEFAULT_KEEP_BYTES, 1024, 1L << 50);
        double volume = env.decimal(VOLUME, 1.0, 0, 1);
        int queueSize = env.integer(QUEUE_SIZE, DEFAULT_QUEUE_SIZE, 1, 10_000);
        long queueBytes = env.size(QUEUE_BYTES, DEFAULT_QUEUE_BYTES, 1L << 20, 1L << 40);
        Duration maxDuration = env.duration(
                MAX_DURATION,
                Duration.ofSeconds(DEFAULT_MAX_DURATION_SECONDS),
                Duration.ofSeconds(1),
                Duration.ofDays(1));
        return new AudioSettings(
                device,
                dataDir.resolve(PLAYED),
                keepFiles,
                keepBytes,
                volume,
                queueSize,
                queueBytes,
                maxDuration,
                sites(env));
    }

    private static Set<String> sites(EnvReader env) {
        String v = env.text(SITES, null);
        Set<String> sites = new LinkedHashSet<>();
        if (v == null) {
            return sites;
        }
        for (String part : v.split(",", -1)) {
            String site = part.strip();
            if (!SITE.matcher(site).matches()) {
                throw EnvReader.invalid(
                        SITES,
                        v,
                        "a comma-separated list of site ids, each one topic level without " + "/ + # or blanks");
            }
            sites.add(site);
        }
        return sites;
    }
}
