package dev.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Chorus broker started like the container starts it: {@code java <broker/jvm.options> -jar
 * chorus-broker.jar} (BrokerMain), configured only through {@code CHORUS_BROKER_*} variables, with
 * a generated password per principal, the repo's ACL and a fresh data folder.
 */
final class ChorusUnderTest extends BrokerUnderTest {

    private static final List<String> PRINCIPALS = List.of("tts", "audio", "gateway", "cli", "nlu", "dialogue", "operator");

    private final Path jar;
    private final Path jvmOptions;
    private final Path acl;

    ChorusUnderTest(final Path jar, final Path jvmOptions, final Path acl) {
        this("Chorus", jar, jvmOptions, acl);
    }

    ChorusUnderTest(final String name, final Path jar, final Path jvmOptions, final Path acl) {
        super(name);
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.acl = acl;
    }

    @Override
    String describe() {
        return "Chorus (HiveMQ CE " + hiveMqVersion() + " embedded)";
    }

    @Override
    ProcessBuilder prepare(final Path dir, final int port) throws IOException {
        final Path credentials = Files.createDirectories(dir.resolve("credentials"));
        for (final String principal : PRINCIPALS) {
            final String secret = principal.equals(USER) ? password : password + principal;
            Files.writeString(credentials.resolve(principal), secret + "\n");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(jvmOptions));
        command.add("-jar");
        command.add(jar.toString());
        final ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        final Map<String, String> env = pb.environment();
        env.put("CHORUS_BROKER_BIND_ADDRESS", HOST);
        env.put("CHORUS_BROKER_MQTT_PORT", Integer.toString(port));
        env.put("CHORUS_DATA_DIR", dir.resolve("data").toString());
        env.put("CHORUS_BROKER_CREDENTIALS_DIR", credentials.toString());
        env.put("CHORUS_BROKER_ACL_FILE", acl.toString());
        env.put("CHORUS_BROKER_READY_FILE", dir.resolve("ready").toString());
        return pb;
    }

    Path jar() {
        return jar;
    }

    Path acl() {
        return acl;
    }

    /** The broker's JVM flags, one per line, '#' comments: the same file the container uses. */
    static List<String> jvmFlags(final Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private String hiveMqVersion() {
        final Path lib = jar.resolveSibling("lib");
        try (var files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hivemq-community-edition-embedded-"))
                    .map(n -> n.substring("hivemq-community-edition-embedded-".length(), n.length() - 4))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
