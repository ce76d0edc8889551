package dev.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Mosquitto with a generated config: one loopback listener, password authentication
 * (mosquitto_passwd) and an ACL equivalent to Chorus's rule for {@code operator}, so both brokers
 * authenticate and authorise. Queue and in-flight settings are Mosquitto's defaults.
 */
final class MosquittoUnderTest extends BrokerUnderTest {

    private final Path executable;
    private String version = "?";

    MosquittoUnderTest(final Path executable) {
        super("Mosquitto");
        this.executable = executable;
    }

    @Override
    String describe() {
        return "Mosquitto " + version;
    }

    @Override
    ProcessBuilder prepare(final Path dir, final int port) throws IOException {
        try {
            final String help = new String(new ProcessBuilder(executable.toString(), "-h")
                    .redirectErrorStream(true)
                    .start()
                    .getInputStream()
                    .readAllBytes());
            final java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("version (\\S+)").matcher(help);
            if (m.find()) {
                version = m.group(1);
            }
            run("mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), USER, password);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.writeString(dir.resolve("acl"), "user " + USER + "\ntopic readwrite hermes/#\n");
        final String conf = String.join(
                "\n",
                "listener " + port + " " + HOST,
                "allow_anonymous false",
                "password_file " + dir.resolve("passwd"),
                "acl_file " + dir.resolve("acl"),
                // Started as root, Mosquitto drops to user 'mosquitto', who cannot read this temp folder.
                "user " + System.getProperty("user.name"),
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "");
        Files.writeString(dir.resolve("mosquitto.conf"), conf);
        return new ProcessBuilder(
                        executable.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .directory(dir.toFile());
    }
}
