package dev.chorus.asr;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads and validates {@link AsrSettings} through {@link EnvReader} (blank = unset; every problem is a
 * {@link dev.chorus.protocol.env.ConfigException} naming the variable).
 */
public final class AsrSettingsLoader {

    public static final String DECODERS = "CHORUS_ASR_DECODERS";
    public static final String QUEUE_SIZE = "CHORUS_ASR_QUEUE_SIZE";
    public static final String MAX_SESSIONS = "CHORUS_ASR_MAX_SESSIONS";
    public static final String THRESHOLD_DB = "CHORUS_ASR_VAD_THRESHOLD_DB";
    public static final String SILENCE = "CHORUS_ASR_SILENCE";
    public static final String MIN_SPEECH = "CHORUS_ASR_MIN_SPEECH";
    public static final String TIMEOUT = "CHORUS_ASR_TIMEOUT";
    public static final String MAX_DURATION = "CHORUS_ASR_MAX_DURATION";
    public static final String MAX_GRAMMAR_BYTES = "CHORUS_ASR_MAX_GRAMMAR_BYTES";
    public static final String GRAMMAR_CACHE = "CHORUS_ASR_GRAMMAR_CACHE";
    public static final String REJECT_OOG = "CHORUS_ASR_REJECT_OOG";
    public static final String REJECT_OOD = "CHORUS_ASR_REJECT_OOD";
    public static final String OOD_THRESHOLD = "CHORUS_ASR_OOD_THRESHOLD";

    /**
     * The out-of-domain check's default threshold (nats per frame): the one that rejected the most benchmark questions
     * while losing at most 5 % of the commands (docs/performance.md, "Out-of-grammar rejection").
     */
    public static final double DEFAULT_OOD_THRESHOLD = 1.3;

    /** Subfolder of the data folder for the grammar files (rewritten at every start). */
    public static final String GRAMMARS = "grammars";

    private AsrSettingsLoader() {}

    public static AsrSettings load(EnvSource source, Path dataDir) {
        EnvReader env = new EnvReader(source);
        return new AsrSettings(
                env.integer(DECODERS, 1, 1, 16),
                env.integer(QUEUE_SIZE, 8, 1, 1000),
                env.integer(MAX_SESSIONS, 32, 1, 10_000),
                env.decimal(THRESHOLD_DB, 12, 1, 60),
                env.duration(SILENCE, Duration.ofMillis(600), Duration.ofMillis(100), Duration.ofSeconds(10)),
                env.duration(MIN_SPEECH, Duration.ofMillis(200), Duration.ofMillis(10), Duration.ofSeconds(10)),
                env.duration(TIMEOUT, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(10)),
                env.duration(MAX_DURATION, Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                env.intSize(MAX_GRAMMAR_BYTES, 4 << 20, 1024, 256 << 20),
                env.integer(GRAMMAR_CACHE, 16, 1, 10_000),
                dataDir.resolve(GRAMMARS),
                env.bool(REJECT_OOG, false),
                env.bool(REJECT_OOD, false),
                env.decimal(OOD_THRESHOLD, DEFAULT_OOD_THRESHOLD, 0, 100));
    }
}
