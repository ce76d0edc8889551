package dev.chorus.tts;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.protocol.env.MapEnvSource;
import io.micronaut.core.annotation.NonNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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

    /** Reads the process environment. */
    @NonNull
    public static TtsConfig fromEnv() {
        return fromEnv(System::getenv);
    }

    /** Reads the given environment; unset variables take their defaults (see CONFIG.md). */
    @NonNull
    public static TtsConfig fromEnv(@NonNull final Map<String, String> env) {
        return fromEnv(new MapEnvSource(env));
    }

    /**
     * Reads variables through {@code source}, e.g. the module's {@code EnvSource}; unset variables take their
     * defaults (see CONFIG.md).
     *
     * @throws ConfigException naming the variable
     */
    @NonNull
    public static TtsConfig fromEnv(@NonNull final EnvSource source) {
        final EnvReader env = new EnvReader(source);
        if (env.isSet(PREFIX + "DATA_DIR")) {
            throw new ConfigException(
                    PREFIX + "DATA_DIR",
                    "is no longer read: everything the module keeps is under "
                            + DATA_DIR_VARIABLE + " (the render cache in " + DATA_DIR_VARIABLE + "/" + CACHE_FOLDER
                            + "); unset it");
        }
        return new TtsConfig(
                env.path(PREFIX + "CONFIG_DIR", Path.of("/etc/chorus/tts")),
                env.path(DATA_DIR_VARIABLE, Path.of("/data")),
                env.integer(PREFIX + "SAMPLE_RATE", 16_000, 8000, 48_000),
                env.integer(PREFIX + "WORKERS", Math.min(2, Runtime.getRuntime().availableProcessors()), 1, 64),
                env.size(PREFIX + "CACHE_MAX_BYTES", 64L * 1024 * 1024, 0, Long.MAX_VALUE),
                env.integer(PREFIX + "MAX_TEXT_CHARS", 2000, 1, Integer.MAX_VALUE),
                env.text(PREFIX + "DEFAULT_LANGUAGE", "en"),
                env.text(PREFIX + "DEFAULT_PRESET", "default"),
                env.duration(
                        PREFIX + "TIMEOUT_SECONDS", Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofDays(1)));
    }

    /** This config with another config folder (tests). */
    @NonNull
    public TtsConfig withConfigDir(@NonNull final Path dir) {
        return new TtsConfig(
                dir,
                dataDir,
                sampleRate,
                workers,
                cacheMaxBytes,
                maxTextChars,
                defaultLanguage,
                defaultPreset,
                timeout);
    }

    /** This config with another data folder (tests). */
    @NonNull
    public TtsConfig withDataDir(@NonNull final Path dir) {
        return new TtsConfig(
                configDir,
                dir,
                sampleRate,
                workers,
                cacheMaxBytes,
                maxTextChars,
                defaultLanguage,
                defaultPreset,
                timeout);
    }

    /** This config with another cache bound (tests). */
    @NonNull
    public TtsConfig withCacheMaxBytes(final long bytes) {
        return new TtsConfig(
                configDir, dataDir, sampleRate, workers, bytes, maxTextChars, defaultLanguage, defaultPreset, timeout);
    }

    /** This config with another output rate (tests). */
    @NonNull
    public TtsConfig withSampleRate(final int rate) {
        return new TtsConfig(
                configDir,
                dataDir,
                rate,
                workers,
                cacheMaxBytes,
                maxTextChars,
                defaultLanguage,
                defaultPreset,
                timeout);
    }

    /** The render cache's folder: {@code dataDir/tts-cache}. */
    @NonNull
    public Path cacheDir() {
        return dataDir.resolve(CACHE_FOLDER);
    }
}
