package dev.chorus.gateway;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads {@link GatewaySettings} from the environment through {@link EnvReader}: blank counts as unset, and every
 * problem is a {@link ConfigException} naming the variable. The table is in modules/gateway/CONFIG.md.
 */
public final class GatewaySettingsLoader {

    public static final String OPERATOR_PASSWORD_FILE = "CHORUS_GATEWAY_OPERATOR_PASSWORD_FILE";
    public static final String PORT = "CHORUS_GATEWAY_PORT";
    public static final String SESSION_HOURS = "CHORUS_GATEWAY_SESSION_HOURS";
    public static final String SECURE_COOKIE = "CHORUS_GATEWAY_SECURE_COOKIE";
    public static final String MAX_BODY_BYTES = "CHORUS_GATEWAY_MAX_BODY_BYTES";
    public static final String MAX_TEXT_CHARS = "CHORUS_GATEWAY_MAX_TEXT_CHARS";
    public static final String SAY_HISTORY = "CHORUS_GATEWAY_SAY_HISTORY";
    public static final String SAY_HISTORY_BYTES = "CHORUS_GATEWAY_SAY_HISTORY_BYTES";
    public static final String SAY_TIMEOUT = "CHORUS_GATEWAY_SAY_TIMEOUT";
    public static final String REQUEST_TIMEOUT = "CHORUS_GATEWAY_REQUEST_TIMEOUT";
    public static final String EVENT_STREAMS = "CHORUS_GATEWAY_EVENT_STREAMS";
    /** Removed: the gateway learns the presets from the tts module over MQTT ({@code chorus/tts/presets}). */
    public static final String REMOVED_PRESETS_FILE = "CHORUS_GATEWAY_PRESETS_FILE";

    public static final String DEFAULT_OPERATOR_PASSWORD_FILE = "/run/secrets/operator-password";
    /** The operator password is also an MQTT password and the API token's key: not guessable in a few tries. */
    private static final int MIN_PASSWORD = 8;

    private GatewaySettingsLoader() {}

    public static GatewaySettings load(EnvSource source) {
        EnvReader env = new EnvReader(source);
        if (env.isSet(REMOVED_PRESETS_FILE)) {
            throw new ConfigException(
                    REMOVED_PRESETS_FILE,
                    "is no longer read: the gateway learns the presets from"
                            + " the tts module over MQTT (retained chorus/tts/presets); remove the variable");
        }
        byte[] password = password(env);
        Optional<Integer> port = env.isSet(PORT) ? Optional.of(env.integer(PORT, 0, 1, 65535)) : Optional.empty();
        Duration session = env.duration(
                SESSION_HOURS, Duration.ofHours(12), Duration.ofHours(1), Duration.ofDays(365), ChronoUnit.HOURS);
        boolean secure = env.bool(SECURE_COOKIE, false);
        int maxBody = env.intSize(MAX_BODY_BYTES, 1024 * 1024, 1024, 64 * 1024 * 1024);
        int maxText = env.integer(MAX_TEXT_CHARS, 2000, 1, 1_000_000);
        int history = env.integer(SAY_HISTORY, 50, 1, 100_000);
        long historyBytes = env.size(SAY_HISTORY_BYTES, 32L * 1024 * 1024, 0, 16L * 1024 * 1024 * 1024);
        Duration sayTimeout =
                env.duration(SAY_TIMEOUT, Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofDays(1));
        Duration requestTimeout =
                env.duration(REQUEST_TIMEOUT, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10));
        int streams = env.integer(EVENT_STREAMS, 8, 1, 1000);
        GatewaySettings settings = new GatewaySettings(
                password,
                port,
                session,
                secure,
                maxBody,
                maxText,
                history,
                historyBytes,
                sayTimeout,
                requestTimeout,
                streams);
        Arrays.fill(password, (byte) 0);
        return settings;
    }

    private static byte[] password(EnvReader env) {
        byte[] password = env.secret(OPERATOR_PASSWORD_FILE, DEFAULT_OPERATOR_PASSWORD_FILE);
        if (password.length < MIN_PASSWORD) {
            Arrays.fill(password, (byte) 0);
            String file = env.text(OPERATOR_PASSWORD_FILE, DEFAULT_OPERATOR_PASSWORD_FILE);
            throw EnvReader.invalid(
                    OPERATOR_PASSWORD_FILE,
                    file,
                    "a file with a password of at least " + MIN_PASSWORD + " characters (it is shorter than "
                            + MIN_PASSWORD + ")");
        }
        return password;
    }
}
