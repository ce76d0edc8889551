package dev.chorus.runtime.config;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.protocol.env.EnvVars;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link ModuleSettings}. Every problem is a {@link ConfigException} whose one-line
 * message names the variable. An empty variable counts as unset (Compose writes {@code X=} for
 * {@code ${X:-}}).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>CHORUS_MQTT_URI</td><td>tcp://broker:1883</td></tr>
 *   <tr><td>CHORUS_MQTT_USERNAME</td><td>module name</td></tr>
 *   <tr><td>CHORUS_MQTT_PASSWORD_FILE</td><td>/run/secrets/mqtt-password (must exist, non-empty)</td></tr>
 *   <tr><td>CHORUS_MQTT_CLIENT_ID</td><td>module name</td></tr>
 *   <tr><td>CHORUS_MQTT_SESSION_EXPIRY</td><td>86400 s</td></tr>
 *   <tr><td>CHORUS_MQTT_RECONNECT_MAX_DELAY</td><td>30 s</td></tr>
 *   <tr><td>CHORUS_INSTANCE</td><td>host name</td></tr>
 *   <tr><td>CHORUS_DATA_DIR</td><td>/data (created if missing)</td></tr>
 *   <tr><td>CHORUS_MAX_MESSAGE_BYTES</td><td>65536</td></tr>
 * </table>
 */
public final class ModuleSettingsLoader {

    public static final String DEFAULT_MQTT_URI = EnvVars.DEFAULT_MQTT_URI;
    public static final String DEFAULT_PASSWORD_FILE = EnvVars.DEFAULT_MQTT_PASSWORD_FILE;
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 86_400;
    public static final long DEFAULT_RECONNECT_MAX_DELAY_SECONDS = 30;
    public static final String DEFAULT_DATA_DIR = "/data";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;

    /** Module names become topic levels, principals and client ids. */
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final long MAX_SESSION_EXPIRY = 0xFFFF_FFFFL; // MQTT 5: four-byte integer, max = never expires
    private static final int MAX_PACKET = 268_435_455; // MQTT variable byte integer limit

    public static final String NAME_PROPERTY = "micronaut.application.name";

    private ModuleSettingsLoader() {
    }

    public static ModuleSettings load(EnvSource env, String module, String version) {
        if (module == null || module.isBlank()) {
            throw new ConfigException(NAME_PROPERTY, "not set (each module sets it in its application.yml)");
        }
        if (!MODULE_NAME.matcher(module).matches()) {
            throw new ConfigException(NAME_PROPERTY, "must be 1-64 of [A-Za-z0-9._-], starting with a letter or digit: \""
                    + module + "\"");
        }
        String ver = version == null || version.isBlank() ? "dev" : version;
        URI uri = mqttUri(env);
        String username = token(env, EnvVars.MQTT_USERNAME, module);
        ModuleSettings.Secret password = password(env);
        String clientId = token(env, EnvVars.MQTT_CLIENT_ID, module);
        long expiry = number(env, EnvVars.MQTT_SESSION_EXPIRY, DEFAULT_SESSION_EXPIRY_SECONDS, 0, MAX_SESSION_EXPIRY,
                "a whole number of seconds");
        long reconnect = number(env, EnvVars.MQTT_RECONNECT_MAX_DELAY, DEFAULT_RECONNECT_MAX_DELAY_SECONDS, 1, 3600,
                "a whole number of seconds");
        String instance = token(env, EnvVars.INSTANCE, hostName(env));
        Path dataDir = dataDir(env);
        long maxBytes = number(env, EnvVars.MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1, MAX_PACKET,
                "a whole number of bytes");
        return new ModuleSettings(module, ver, instance, uri, username, password, clientId,
                Duration.ofSeconds(expiry), Duration.ofSeconds(reconnect), dataDir, (int) maxBytes);
    }

    private static String value(EnvSource env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static URI mqttUri(EnvSource env) {
        String raw = value(env, EnvVars.MQTT_URI);
        String text = raw == null ? DEFAULT_MQTT_URI : raw;
        ConfigException bad = new ConfigException(EnvVars.MQTT_URI, "not a valid tcp:// or ssl:// URI: \"" + text + "\"");
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad;
        }
        String scheme = uri.getScheme();
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (scheme == null || !(scheme.equals("tcp") || scheme.equals("ssl")) || uri.getHost() == null
                || uri.getUserInfo() != null || !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getPort() == 0 || uri.getPort() > 65535) {
            throw bad;
        }
        return uri;
    }

    private static String token(EnvSource env, String name, String fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        if (v.isBlank() || !v.strip().equals(v) || v.chars().anyMatch(Character::isISOControl) || v.length() > 256) {
            throw new ConfigException(name, "must be 1-256 characters without surrounding blanks or control characters: \""
                    + printable(v) + "\"");
        }
        return v;
    }

    private static long number(EnvSource env, String name, long fallback, long min, long max, String what) {
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
        throw new ConfigException(name, "not " + what + " between " + min + " and " + max + ": \"" + printable(v) + "\"");
    }

    private static ModuleSettings.Secret password(EnvSource env) {
        String name = EnvVars.MQTT_PASSWORD_FILE;
        String v = value(env, name);
        String text = v == null ? DEFAULT_PASSWORD_FILE : v;
        Path file;
        try {
            file = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(name, "not a valid path: \"" + printable(text) + "\"");
        }
        if (!Files.exists(file)) {
            throw new ConfigException(name, "file not found: \"" + text + "\" (there is no default password)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(name, "not a regular file: \"" + text + "\"");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(name, "cannot read \"" + text + "\": " + e);
        }
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        if (end == 0) {
            throw new ConfigException(name, "file is empty: \"" + text + "\"");
        }
        byte[] secret = Arrays.copyOf(content, end);
        Arrays.fill(content, (byte) 0);
        return new ModuleSettings.Secret(secret);
    }

    private static Path dataDir(EnvSource env) {
        String name = EnvVars.DATA_DIR;
        String v = value(env, name);
        String text = v == null ? DEFAULT_DATA_DIR : v;
        Path dir;
        try {
            dir = Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigException(name, "not a valid path: \"" + printable(text) + "\"");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException(name, "cannot create directory \"" + text + "\": " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException(name, "directory is not writable: \"" + text + "\"");
        }
        return dir;
    }

    private static String hostName(EnvSource env) {
        String host = value(env, "HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
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
