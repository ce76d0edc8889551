package dev.chorus.tts.hermes;

import dev.chorus.tts.TtsConfig;
import dev.chorus.tts.TtsException;
import io.micronaut.core.annotation.NonNull;

import java.time.Duration;
import java.util.function.Function;

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

    public SayServiceSettings {
        if (queue < 1 || queue > 10_000) {
            throw new TtsException.BadConfig(QUEUE + " must be 1..10000, got " + queue);
        }
        if (playMargin.isNegative() || playMargin.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new TtsException.BadConfig(PLAY_MARGIN + " must be 0..600 seconds, got " + playMargin);
        }
        if (maxPlayBytes < 64 * 1024) {
            throw new TtsException.BadConfig(MAX_PLAY_BYTES + " must be at least 64K, got " + maxPlayBytes);
        }
    }

    /** Reads variables through {@code env} (name → value or null); unset or blank = default. */
    @NonNull
    public static SayServiceSettings fromEnv(@NonNull final Function<String, String> env) {
        return new SayServiceSettings(
                read(env, QUEUE, "32", Integer::parseInt),
                read(env, PLAY_MARGIN, "2", s -> Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000))),
                read(env, MAX_PLAY_BYTES, "4M", s -> Math.toIntExact(parseBytes(s))));
    }

    private static long parseBytes(final String text) {
        final String s = text.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("I?B$", "");
        final char unit = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        final long factor = switch (unit) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            default -> 1L;
        };
        final String number = factor == 1 ? s : s.substring(0, s.length() - 1);
        return Math.round(Double.parseDouble(number.trim()) * factor);
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
