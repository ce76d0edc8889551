package dev.chorus.tts.hermes;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettingsLoader;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import dev.chorus.tts.TtsException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module's configuration check, run before Micronaut starts ({@code ChorusApplication.run(...,
 * TtsConfigCheck::check)}): every {@code CHORUS_TTS_*} variable and the files of the config
 * folder, so a mistake ends the process with exit code 2 and one line naming the variable, or
 * the file and line.
 */
public final class TtsConfigCheck {

    private static final Pattern VARIABLE = Pattern.compile("^(CHORUS_[A-Z0-9_]+)\\s*=?\\s*(.*)$", Pattern.DOTALL);

    private TtsConfigCheck() {}

    /** @throws ConfigException naming the variable (file problems name CHORUS_TTS_CONFIG_DIR, then file:line) */
    public static void check(final EnvSource env) {
        final var module = ModuleSettingsLoader.load(env, "tts", null);
        final TtsConfig config = read(() -> TtsConfig.fromEnv(env).withDataDir(module.dataDir()));
        read(() -> {
            TextToSpeech.check(config);
            return config;
        });
        read(() -> SayServiceSettings.fromEnv(env));
    }

    /** Runs {@code read}, turning the engine's {@link TtsException.BadConfig} into the runtime's {@link ConfigException}. */
    static <T> T read(final Supplier<T> read) {
        try {
            return read.get();
        } catch (TtsException.BadConfig e) {
            throw configException(e);
        }
    }

    static ConfigException configException(final TtsException.BadConfig e) {
        final Matcher m = VARIABLE.matcher(e.getMessage());
        if (m.matches()) {
            return new ConfigException(m.group(1), m.group(2));
        }
        return new ConfigException(TtsConfig.PREFIX + "CONFIG_DIR", e.getMessage());
    }
}
