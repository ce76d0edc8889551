package dev.chorus.gateway;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link GatewaySettings} from the environment. Every problem is a {@link ConfigException} whose
 * message names the variable; an empty variable counts as unset. The table is in modules/gateway/CONFIG.md.
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

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmg]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    private GatewaySettingsLoader() {
    }

    public static GatewaySettings load(EnvSource env) {
        if (value(env, REMOVED_PRESETS_FILE) != null) {
            throw new ConfigException(REMOVED_PRESETS_FILE, "is no longer read: the gateway learns the presets from"
                    + " the tts module over MQTT (retained chorus/tts/presets); remove the variable");
        }
        byte[] password = password(env);
        Optional<Integer> port = Optional.ofNullable(value(env, PORT)).map(v -> (int) number(env, PORT, 0, 1, 65535));
        long hours = number(env, SESSION_HOURS, 12, 1, 24 * 365);
        boolean secure = bool(env, SECURE_COOKIE, false);
        long maxBody = size(env, MAX_BODY_BYTES, 64 * 1024, 1024, 64L * 1024 * 1024);
        long maxText = number(env, MAX_TEXT_CHARS, 2000, 1, 1_000_000);
        long history = number(env, SAY_HISTORY, 50, 1, 100_000);
        long historyBytes = size(env, SAY_HISTORY_BYTES, 32L * 1024 * 1024, 0, 16L * 1024 * 1024 * 1024);
        long sayTimeout = number(env, SAY_TIMEOUT, 300, 1, 86_400);
        long requestTimeout = number(env, REQUEST_TIMEOUT, 5, 1, 600);
        long streams = number(env, EVENT_STREAMS, 8, 1, 1000);
        return new GatewaySettings(password, port, Duration.ofHours(hours), secure, (int) maxBody, (int) maxText,
                (int) history, historyBytes, Duration.ofSeconds(sayTimeout), Duration.ofSeconds(requestTimeout),
                (int) streams);
    }

    private static String value(EnvSource env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
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
            // reported below
        }
        throw new ConfigException(name, "not a whole number between " + min + " and " + max + ": \"" + v + "\"");
    }

    private static long size(EnvSource env, String name, long fallback, long min, long max) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(v.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (n <= (Long.MAX_VALUE >> shift)) {
                long bytes = n << shift;
                if (bytes >= min && bytes <= max) {
                    return bytes;
                }
            }
        }
        throw new ConfigException(name, "not a size between " + min + " and " + max
                + " bytes (whole bytes, or with K, M, G): \"" + v + "\"");
    }

    private static boolean bool(EnvSource env, String name, boolean fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name, "not true or false: \"" + v + "\"");
        };
    }

    private static byte[] password(EnvSource env) {
        String v = value(env, OPERATOR_PASSWORD_FILE);
        String text = v == null ? DEFAULT_OPERATOR_PASSWORD_FILE : v;
        Path file = path(OPERATOR_PASSWORD_FILE, text);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(OPERATOR_PASSWORD_FILE, "file not found: \"" + text
                    + "\" (the operator password; there is no default password)");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(OPERATOR_PASSWORD_FILE, "cannot read \"" + text + "\": " + e.getMessage());
        }
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        byte[] password = Arrays.copyOf(content, end);
        Arrays.fill(content, (byte) 0);
        if (password.length == 0) {
            throw new ConfigException(OPERATOR_PASSWORD_FILE, "file is empty: \"" + text + "\"");
        }
        if (password.length < 8) {
            throw new ConfigException(OPERATOR_PASSWORD_FILE, "the password in \"" + text
                    + "\" is shorter than 8 characters");
        }
        return password;
    }

    private static Path path(String name, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(name, "not a valid path: \"" + text + "\"");
        }
    }
}
