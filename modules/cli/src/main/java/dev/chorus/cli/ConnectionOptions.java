package dev.chorus.cli;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvVars;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Broker connection options shared by every command. Each falls back to the variable every module reads,
 * then to the stack default: the container needs nothing but the password secret.
 */
public final class ConnectionOptions {

    static final String DEFAULT_USER = "cli";

    @Option(
            names = "--uri",
            paramLabel = "URI",
            description =
                    "Broker URI, tcp:// or ssl:// (env CHORUS_MQTT_URI, default " + EnvVars.DEFAULT_MQTT_URI + ").")
    String uri;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            description = "MQTT user name (env CHORUS_MQTT_USERNAME, default " + DEFAULT_USER + ").")
    String user;

    @Option(
            names = "--password-file",
            paramLabel = "FILE",
            description = "File holding the MQTT password (env CHORUS_MQTT_PASSWORD_FILE, default "
                    + EnvVars.DEFAULT_MQTT_PASSWORD_FILE + ").")
    String passwordFile;

    @Option(
            names = "--connect-timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "How long to wait for the broker to accept the connection (default ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    /** The validated settings; a {@link CliException#usage} naming the option or variable otherwise. */
    Settings resolve(final Cli.Env env) {
        // an option wins over its variable; reading it under the option's name makes errors name the option
        final EnvReader in = new EnvReader(name -> switch (name) {
            case "--uri" -> uri;
            case "--user" -> user;
            case "--password-file" -> passwordFile;
            default -> env.get(name);
        });
        try {
            final String uriText = in.uri(
                            uri != null ? "--uri" : EnvVars.MQTT_URI, EnvVars.DEFAULT_MQTT_URI, Set.of("tcp", "ssl"))
                    .toString();
            final String name = in.text(user != null ? "--user" : EnvVars.MQTT_USERNAME, DEFAULT_USER);
            final byte[] password = in.secret(
                    passwordFile != null ? "--password-file" : EnvVars.MQTT_PASSWORD_FILE,
                    EnvVars.DEFAULT_MQTT_PASSWORD_FILE);
            if (connectTimeoutSeconds < 1) {
                throw CliException.usage("--connect-timeout: must be at least 1 second");
            }
            return new Settings(uriText, name, password, connectTimeoutSeconds);
        } catch (ConfigException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    /** Where and as whom to connect. */
    record Settings(String uri, String user, byte[] password, int connectTimeoutSeconds) {}
}
