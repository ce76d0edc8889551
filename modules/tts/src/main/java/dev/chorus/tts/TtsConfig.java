package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings of the speech engine, read from {@code CHORUS_TTS_*} environment variables and the
 * stack-wide {@code CHORUS_DATA_DIR} (listed in modules/tts/CONFIG.md). Use {@link #fromEnv()}
 * in the service and {@link #fromEnv(Map)} in tests.
 *
 * @param configDir      folder holding voices.yml, lexicon.txt, presets.yml
 * @param dataDir        the module's one data folder ({@code CHORUS_DATA_DIR}); the render cache
 *                       lives in {@code dataDir/tts-cache}
 * @param sampleRate     output sample rate in Hz (MaryTTS renders 48 kHz and is resampled)
 * @param workers        MaryTTS instances, i.e. syntheses that run at once
 * @param cacheMaxBytes  bound of the render cache on disk; 0 turns the cache off
 * @param maxTextChars   longest text accepted in one request
 * @param defaultLanguage language used when a request names neither voice nor language
 * @param defaultPreset  preset used when a request names none
 * @param timeout        longest one sentence may take to synthesize, queueing included
 */
public record TtsConfig(
        @NonNull Path configDir,
        @NonNull Path dataDir,
        int sampleRate,
        int workers,
        long cacheMaxBytes,
        int maxTextChars,
        @NonNull String defaultLanguage,
        @NonNull String defaultPreset,
        @NonNull Duration timeout) {

    public static final String PREFIX = "CHORUS_TTS_";
    /** The stack-wide data folder (shared ModuleSettings reads the same variable, same default). */
    public static final String DATA_DIR_VARIABLE = "CHORUS_DATA_DIR";
    /** The render cache's folder inside the data folder. */
    public static final String CACHE_FOLDER = "tts-cache";

    public TtsConfig {
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new TtsException.BadConfig(PREFIX + "SAMPLE_RATE must be 8000..48000 Hz, got " + sampleRate);
        }
        if (workers < 1 || workers > 64) {
            throw new TtsException.BadConfig(PREFIX + "WORKERS must be 1..64, got " + workers);
        }
        if (cacheMaxBytes < 0) {
            throw new TtsException.BadConfig(PREFIX + "CACHE_MAX_BYTES must be >= 0, got " + cacheMaxBytes);
        }
        if (maxTextChars < 1) {
            throw new TtsException.BadConfig(PREFIX + "MAX_TEXT_CHARS must be >= 1, got " + maxTextChars);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new TtsException.BadConfig(PREFIX + "TIMEOUT_SECONDS must be > 0, got " + timeout);
        }
    }

    /** Reads the process environment. */
    @NonNull
    public static TtsConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Reads the given environment; unset variables take their defaults (see CONFIG.md). */
    @NonNull
    public static TtsConfig fromEnv(@NonNull final Map<String, String> env) {
        return fromEnv((Function<String, String>) env::get);
    }

    /**
     * Reads variables through {@code env} (name → value or null), e.g. the module's
     * {@code EnvSource}; unset variables take their defaults (see CONFIG.md).
     */
    @NonNull
    public static TtsConfig fromEnv(@NonNull final Function<String, String> env) {
        final String legacy = env.apply(PREFIX + "DATA_DIR");
        if (legacy != null && !legacy.isBlank()) {
            throw new TtsException.BadConfig(PREFIX + "DATA_DIR is no longer read: everything the module keeps is "
                    + "under " + DATA_DIR_VARIABLE + " (the render cache in " + DATA_DIR_VARIABLE + "/" + CACHE_FOLDER
                    + "); unset it");
        }
        return new TtsConfig(
                read(env, PREFIX + "CONFIG_DIR", "/etc/chorus/tts", Path::of),
                read(env, DATA_DIR_VARIABLE, "/data", Path::of),
                read(env, PREFIX + "SAMPLE_RATE", "16000", Integer::parseInt),
                read(env, PREFIX + "WORKERS", String.valueOf(Math.min(2, Runtime.getRuntime().availableProcessors())),
                        Integer::parseInt),
                read(env, PREFIX + "CACHE_MAX_BYTES", String.valueOf(64L * 1024 * 1024), TtsConfig::parseBytes),
                read(env, PREFIX + "MAX_TEXT_CHARS", "2000", Integer::parseInt),
                read(env, PREFIX + "DEFAULT_LANGUAGE", "en", s -> s),
                read(env, PREFIX + "DEFAULT_PRESET", "default", s -> s),
                read(env, PREFIX + "TIMEOUT_SECONDS", "60", s -> Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000))));
    }

    /** This config with another config folder (tests). */
    @NonNull
    public TtsConfig withConfigDir(@NonNull final Path dir) {
        return new TtsConfig(dir, dataDir, sampleRate, workers, cacheMaxBytes, maxTextChars, defaultLanguage,
                defaultPreset, timeout);
    }

    /** This config with another data folder (tests). */
    @NonNull
    public TtsConfig withDataDir(@NonNull final Path dir) {
        return new TtsConfig(configDir, dir, sampleRate, workers, cacheMaxBytes, maxTextChars, defaultLanguage,
                defaultPreset, timeout);
    }

    /** This config with another cache bound (tests). */
    @NonNull
    public TtsConfig withCacheMaxBytes(final long bytes) {
        return new TtsConfig(configDir, dataDir, sampleRate, workers, bytes, maxTextChars, defaultLanguage,
                defaultPreset, timeout);
    }

    /** This config with another output rate (tests). */
    @NonNull
    public TtsConfig withSampleRate(final int rate) {
        return new TtsConfig(configDir, dataDir, rate, workers, cacheMaxBytes, maxTextChars, defaultLanguage,
                defaultPreset, timeout);
    }

    /** "123", "64k", "64M", "1G" (binary units). */
    static long parseBytes(final String text) {
        final String s = text.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("I?B$", "");
        final char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        final long factor = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        final String number = factor == 1 ? s : s.substring(0, s.length() - 1);
        return Math.round(Double.parseDouble(number.trim()) * factor);
    }

    /** The render cache's folder: {@code dataDir/tts-cache}. */
    @NonNull
    public Path cacheDir() {
        return dataDir.resolve(CACHE_FOLDER);
    }

    private static <T> T read(final Function<String, String> env, final String name, final String fallback,
            final Function<String, T> parse) {
        final String raw = env.apply(name);
        final String value = raw == null || raw.isBlank() ? fallback : raw.trim();
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new TtsException.BadConfig(name + "='" + value + "' is not valid: " + e.getMessage(), e);
        }
    }
}
