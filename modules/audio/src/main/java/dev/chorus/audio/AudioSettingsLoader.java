package dev.chorus.audio;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link AudioSettings} the way the shared runtime reads its own variables: an empty
 * variable counts as unset, and every problem is a {@link ConfigException} whose one line starts with the
 * variable's name.
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

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*([kmg]i?b?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern SITE = Pattern.compile("[^/+#\\s\\u0000]{1,256}");

    private AudioSettingsLoader() {
    }

    public static AudioSettings load(EnvSource env, Path dataDir) {
        Optional<String> device = Optional.ofNullable(value(env, DEVICE)).map(String::strip);
        int keepFiles = (int) number(env, KEEP_FILES, DEFAULT_KEEP_FILES, 1, 1_000_000);
        long keepBytes = bytes(env, KEEP_BYTES, DEFAULT_KEEP_BYTES, 1024, 1L << 50);
        double volume = volume(env);
        int queueSize = (int) number(env, QUEUE_SIZE, DEFAULT_QUEUE_SIZE, 1, 10_000);
        long queueBytes = bytes(env, QUEUE_BYTES, DEFAULT_QUEUE_BYTES, 1L << 20, 1L << 40);
        long maxSeconds = number(env, MAX_DURATION, DEFAULT_MAX_DURATION_SECONDS, 1, 86_400);
        return new AudioSettings(device, dataDir.resolve(PLAYED), keepFiles, keepBytes, volume, queueSize, queueBytes,
                Duration.ofSeconds(maxSeconds), sites(env));
    }

    private static String value(EnvSource env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    private static long number(EnvSource env, String name, long fallback, long min, long max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ConfigException(name, "not a whole number between " + min + " and " + max + ": \"" + printable(v) + "\"");
    }

    /** Whole bytes, or with a binary unit: {@code 512k}, {@code 100M}, {@code 1GiB}. */
    static long bytes(EnvSource env, String name, long fallback, long min, long max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(v.strip());
        if (m.matches()) {
            String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            int shift = unit.startsWith("k") ? 10 : unit.startsWith("m") ? 20 : unit.startsWith("g") ? 30 : 0;
            try {
                long n = Long.parseLong(m.group(1));
                if (n <= (max >> shift)) {
                    n <<= shift;
                    if (n >= min) {
                        return n;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigException(name, "not a size between " + min + " and " + max + " bytes (whole bytes, or with "
                + "k, M or G): \"" + printable(v) + "\"");
    }

    private static double volume(EnvSource env) {
        String v = value(env, VOLUME);
        if (v == null) {
            return 1.0;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d >= 0 && d <= 1) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(VOLUME, "not a number between 0 and 1: \"" + printable(v) + "\"");
    }

    private static Set<String> sites(EnvSource env) {
        String v = value(env, SITES);
        Set<String> sites = new LinkedHashSet<>();
        if (v == null) {
            return sites;
        }
        for (String part : v.split(",", -1)) {
            String site = part.strip();
            if (!SITE.matcher(site).matches()) {
                throw new ConfigException(SITES, "a comma-separated list of site ids, each one topic level without "
                        + "/ + # or blanks: \"" + printable(v) + "\"");
            }
            sites.add(site);
        }
        return sites;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
