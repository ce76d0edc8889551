package dev.chorus.runtime.config;

import dev.chorus.client.CaTrust;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.protocol.env.EnvVars;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link ModuleSettings} through {@link EnvReader} (its rules: blank = unset, sizes,
 * durations, secret files, and one error format naming the variable).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>variable</th><th>default</th></tr>
 *   <tr><td>CHORUS_MODULE_NAME</td><td>the module's own name (micronaut.application.name)</td></tr>
 *   <tr><td>CHORUS_MQTT_URI</td><td>tcp://broker:1883</td></tr>
 *   <tr><td>CHORUS_MQTT_CA_FILE</td><td>unset: the JVM's trusted CAs (PEM file of the CAs to trust for ssl://)</td></tr>
 *   <tr><td>CHORUS_MQTT_USERNAME</td><td>module name</td></tr>
 *   <tr><td>CHORUS_MQTT_PASSWORD_FILE</td><td>/run/secrets/mqtt-password (must exist, non-empty)</td></tr>
 *   <tr><td>CHORUS_MQTT_CLIENT_ID</td><td>module name</td></tr>
 *   <tr><td>CHORUS_MQTT_SESSION_EXPIRY</td><td>86400 s (whole seconds)</td></tr>
 *   <tr><td>CHORUS_MQTT_RECONNECT_MAX_DELAY</td><td>30 s</td></tr>
 *   <tr><td>CHORUS_INSTANCE</td><td>host name</td></tr>
 *   <tr><td>CHORUS_DATA_DIR</td><td>/data (created if missing)</td></tr>
 *   <tr><td>CHORUS_MAX_MESSAGE_BYTES</td><td>65536</td></tr>
 * </table>
 */
public final class ModuleSettingsLoader {

    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 86_400;
    public static final long DEFAULT_RECONNECT_MAX_DELAY_SECONDS = 30;
    public static final String DEFAULT_DATA_DIR = "/data";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;

    /** Module names become topic levels, principals and client ids. */
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final long MAX_SESSION_EXPIRY = 0xFFFF_FFFFL; // MQTT 5: four-byte integer, max = never expires
    private static final int MAX_PACKET = 268_435_455; // MQTT variable byte integer limit
    private static final int MAX_TOKEN = 256;
    private static final Set<String> MQTT_SCHEMES = Set.of("tcp", "ssl");

    public static final String NAME_PROPERTY = "micronaut.application.name";

    private ModuleSettingsLoader() {}

    public static ModuleSettings load(EnvSource source, String module, String version) {
        if (module == null || module.isBlank()) {
            throw new ConfigException(NAME_PROPERTY, "not set (each module sets it in its application.yml)");
        }
        if (!MODULE_NAME.matcher(module).matches()) {
            throw EnvReader.invalid(
                    NAME_PROPERTY, module, "a module name: 1-64 of [A-Za-z0-9._-], starting with a letter or digit");
        }
        EnvReader env = new EnvReader(source);
        // Another name for a second copy of a module on the same broker (a satellite's audio): its own
        // status, error and listening topics, and by default its own client id.
        String name = env.text(EnvVars.MODULE_NAME, module);
        if (!MODULE_NAME.matcher(name).matches()) {
            throw EnvReader.invalid(
                    EnvVars.MODULE_NAME,
                    name,
                    "a module name: 1-64 of [A-Za-z0-9._-], starting with a letter or digit");
        }
        String ver = version == null || version.isBlank() ? "dev" : version;
        URI uri = mqttUri(env);
        Path caFile = caFile(env);
        String username = token(env, EnvVars.MQTT_USERNAME, name);
        byte[] password = env.secret(EnvVars.MQTT_PASSWORD_FILE, EnvVars.DEFAULT_MQTT_PASSWORD_FILE);
        ModuleSettings.Secret secret = new ModuleSettings.Secret(password);
        Arrays.fill(password, (byte) 0);
        String clientId = token(env, EnvVars.MQTT_CLIENT_ID, name);
        long expiry = env.seconds(EnvVars.MQTT_SESSION_EXPIRY, DEFAULT_SESSION_EXPIRY_SECONDS, 0, MAX_SESSION_EXPIRY);
        Duration reconnect = env.duration(
                EnvVars.MQTT_RECONNECT_MAX_DELAY,
                Duration.ofSeconds(DEFAULT_RECONNECT_MAX_DELAY_SECONDS),
                Duration.ofSeconds(1),
                Duration.ofHours(1));
        String instance = token(env, EnvVars.INSTANCE, hostName(env));
        Path dataDir = dataDir(env);
        int maxBytes = env.intSize(EnvVars.MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES, 1, MAX_PACKET);
        return new ModuleSettings(
                name,
                ver,
                instance,
                uri,
                username,
                secret,
                clientId,
                Duration.ofSeconds(expiry),
                reconnect,
                dataDir,
                maxBytes,
                caFile);
    }

    /** A PEM file of CA certificates, read now so that a wrong file stops the module at start. */
    private static Path caFile(EnvReader env) {
        if (env.text(EnvVars.MQTT_CA_FILE, null) == null) {
            return null;
        }
        Path file = env.file(EnvVars.MQTT_CA_FILE, null);
        try {
            CaTrust.socketFactory(file);
        } catch (IllegalArgumentException e) {
            throw EnvReader.invalid(
                    EnvVars.MQTT_CA_FILE, file.toString(), "a PEM file of CA certificates (" + e.getMessage() + ")");
        }
        return file;
    }

    /** An MQTT server address: nothing after host and port, which Paho would ignore or refuse. */
    private static URI mqttUri(EnvReader env) {
        URI uri = env.uri(EnvVars.MQTT_URI, EnvVars.DEFAULT_MQTT_URI, MQTT_SCHEMES);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty();
        if (!pathless || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw EnvReader.invalid(
                    EnvVars.MQTT_URI, uri.toString(), "a ssl:// or tcp:// URI (scheme, host and port only)");
        }
        return uri;
    }

    /** Names that go into MQTT packets and topic levels: short, and no control characters (text() refuses those). */
    private static String token(EnvReader env, String name, String fallback) {
        String v = env.text(name, fallback);
        if (v.length() > MAX_TOKEN) {
            throw EnvReader.invalid(name, v, "at most " + MAX_TOKEN + " characters long");
        }
        return v;
    }

    private static Path dataDir(EnvReader env) {
        String name = EnvVars.DATA_DIR;
        Path dir = env.path(name, Path.of(DEFAULT_DATA_DIR)).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw EnvReader.invalid(name, dir.toString(), "a folder that can be created (" + e + ")");
        }
        if (!Files.isWritable(dir)) {
            throw EnvReader.invalid(name, dir.toString(), "a writable folder");
        }
        return dir;
    }

    private static String hostName(EnvReader env) {
        String host = env.text("HOSTNAME", null);
        if (host != null) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
