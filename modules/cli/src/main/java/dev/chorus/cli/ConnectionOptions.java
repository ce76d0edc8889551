package dev.chorus.cli;

import dev.chorus.protocol.env.EnvVars;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Broker connection options shared by every command. Each falls back to the variable every module reads,
 * then to the stack default: the container needs nothing but the password secret.
 */
public final class ConnectionOptions {

    static final String DEFAULT_USER = "cli";

    @Option(names = "--uri", paramLabel = "URI",
            description = "Broker URI, tcp:// or ssl:// (env CHORUS_MQTT_URI, default " + EnvVars.DEFAULT_MQTT_URI + ").")
    String uri;

    @Option(names = "--user", paramLabel = "NAME",
            description = "MQTT user name (env CHORUS_MQTT_USERNAME, default " + DEFAULT_USER + ").")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the MQTT password (env CHORUS_MQTT_PASSWORD_FILE, default "
                    + EnvVars.DEFAULT_MQTT_PASSWORD_FILE + ").")
    String passwordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the broker to accept the connection (default ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    /** The validated settings; a {@link CliException#usage} naming the option or variable otherwise. */
    Settings resolve(final Cli.Env env) {
        final String uriText = pick(uri, env.get(EnvVars.MQTT_URI), EnvVars.DEFAULT_MQTT_URI);
        final String where = uri != null ? "--uri" : EnvVars.MQTT_URI;
        final URI parsed;
        try {
            parsed = new URI(uriText);
        } catch (URISyntaxException e) {
            throw CliException.usage(where + ": not a valid tcp:// or ssl:// URI: \"" + uriText + "\"");
        }
        if (!("tcp".equals(parsed.getScheme()) || "ssl".equals(parsed.getScheme())) || parsed.getHost() == null) {
            throw CliException.usage(where + ": not a valid tcp:// or ssl:// URI: \"" + uriText + "\"");
        }
        final String name = pick(user, env.get(EnvVars.MQTT_USERNAME), DEFAULT_USER);
        if (name.isBlank()) {
            throw CliException.usage("--user: must not be blank");
        }
        final String file = pick(passwordFile, env.get(EnvVars.MQTT_PASSWORD_FILE), EnvVars.DEFAULT_MQTT_PASSWORD_FILE);
        final String fileWhere = passwordFile != null ? "--password-file" : EnvVars.MQTT_PASSWORD_FILE;
        final byte[] password;
        try {
            final Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw CliException.usage(fileWhere + ": file not found: \"" + file + "\" (there is no default password)");
            }
            password = stripLineEnds(Files.readAllBytes(path));
        } catch (IOException | RuntimeException e) {
            if (e instanceof CliException ce) {
                throw ce;
            }
            throw CliException.usage(fileWhere + ": cannot read \"" + file + "\": " + e.getMessage());
        }
        if (password.length == 0) {
            throw CliException.usage(fileWhere + ": file is empty: \"" + file + "\"");
        }
        if (connectTimeoutSeconds < 1) {
            throw CliException.usage("--connect-timeout: must be at least 1 second");
        }
        return new Settings(uriText, name, password, connectTimeoutSeconds);
    }

    private static String pick(final String option, final String variable, final String fallback) {
        if (option != null) {
            return option;
        }
        return variable == null || variable.isEmpty() ? fallback : variable;
    }

    private static byte[] stripLineEnds(final byte[] content) {
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        return new String(content, 0, end, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    }

    /** Where and as whom to connect. */
    record Settings(String uri, String user, byte[] password, int connectTimeoutSeconds) {
    }
}
