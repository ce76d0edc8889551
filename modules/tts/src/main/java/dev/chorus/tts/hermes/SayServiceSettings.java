package dev.chorus.tts.hermes;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.tts.TtsConfig;
import io.micronaut.core.annotation.NonNull;
import java.time.Duration;

/**
 * Settings of the Hermes side of the module (the engine's are in {@link TtsConfig}); environment
 * variables only, listed in modules/tts/CONFIG.md.
 *
 * @param queue        say requests accepted and not yet finished, all sites together; one more is refused
 * @param playMargin   added to the audio's duration to wait for {@code playFinished}
 * @param maxPlayBytes largest playBytes payload; longer audio goes out as several playBytes
 */
public record SayServiceSettings(int queue, @NonNull Duration playMargin, int maxPlayBytes) {

    public static final String QUEUE = TtsConfig.PREFIX + "QUEUE";
    public static final String PLAY_MARGIN = TtsConfig.PREFIX + "PLAY_MARGIN_SECONDS";
    public static final String MAX_PLAY_BYTES = TtsConfig.PREFIX + "MAX_PLAY_BYTES";

    /**
     * Reads variables through {@code source}; unset or blank = default.
     *
     * @throws ConfigException naming the variable
     */
    @NonNull
    public static SayServiceSettings fromEnv(@NonNull final EnvSource source) {
        final EnvReader env = new EnvReader(source);
        return new SayServiceSettings(
                env.integer(QUEUE, 32, 1, 10_000),
                env.duration(PLAY_MARGIN, Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10)),
                env.intSize(MAX_PLAY_BYTES, 4 * 1024 * 1024, 64 * 1024, Integer.MAX_VALUE));
    }
}
