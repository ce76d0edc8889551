package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testkit.TestMqttClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev overlay (docker-compose.dev.yml): with the stack up on it, a one-line change to a
 * module's source changes what the module does over MQTT, with no docker command. Runs on a
 * copy of the files the overlay mounts, so the repository is never edited. The module is
 * audio (the lighter restart); the changes are the version it reports in its status
 * (application.yml), then an error message in a .java file, once with a save that does not compile.
 * The overlay's Maven repository volume ({@code dev-m2}) is the external volume
 * {@value #M2_VOLUME}, kept between runs as a developer's is (the first run downloads the
 * dependencies, later runs start in about a minute): a test-only Compose file says so.
 */
@org.junit.jupiter.api.Order(6)
@Timeout(value = 20, unit = java.util.concurrent.TimeUnit.MINUTES)
class DevOverlayIT {

    private static final String MODULE = "audio";
    private static final Duration FIRST_START = Duration.ofMinutes(15); // Maven downloads into dev-m2
    static final String M2_VOLUME = "chorus-systemtest-dev-m2";

    @TempDir
    Path work;

    @Test
    void savingOneLineChangesTheModuleOverMqtt() throws Exception {
        Docker.require(Docker.tag("broker"), Docker.tag(MODULE + "-dev"));
        Path repo = Docker.repoRoot();
        for (String file : List.of("docker-compose.yml", "docker-compose.dev.yml", ".env")) {
            Files.copy(repo.resolve(file), work.resolve(file));
        }
        copyTree(repo.resolve("shared"), work.resolve("shared"));
        copyTree(repo.resolve("modules/" + MODULE + "/src/main"), work.resolve("modules/" + MODULE + "/src/main"));
        copyTree(repo.resolve("tts"), work.resolve("tts"));
        Files.writeString(
                work.resolve("test-m2.yml"),
                "# DevOverlayIT: keep the dev Maven repository between runs\n" + "volumes:\n  dev-m2:\n    name: "
                        + M2_VOLUME + "\n    external: true\n");
        Docker.docker("volume", "create", M2_VOLUME).check();
        Path yml = work.resolve("modules/" + MODULE + "/src/main/resources/application.yml");
        String original = Files.readString(yml);
        assertThat(original).contains("version: ${project.version}");

        int port = Docker.freePort();
        String extraCa = Docker.run(
                        Duration.ofSeconds(30),
                        List.of(repo.resolve("scripts/extra-ca.sh").toString()))
                .check()
                .out()
                .strip();
        try (ComposeProject dev = new ComposeProject(
                        "chorus-systemtest-dev-" + UUID.randomUUID().toString().substring(0, 6),
                        work,
                        "docker-compose.yml",
                        "docker-compose.dev.yml",
                        "test-m2.yml")
                .env("CHORUS_MQTT_PORT", Integer.toString(port))
                .env("CHORUS_AUDIO_DEBUG_PORT", Integer.toString(Docker.freePort()))
                .env("CHORUS_TTS_DEBUG_PORT", Integer.toString(Docker.freePort()))
                .env("CHORUS_EXTRA_CA", extraCa)) {
            long start = System.nanoTime();
            Docker.Result up =
                    dev.compose(FIRST_START, "up", "--detach", "--wait", "--no-build", "--pull", "never", MODULE);
            if (up.exit() != 0) {
                System.out.println(
                        dev.compose("logs", "--no-color", "--tail", "80").out());
            }
            up.check();
            System.out.printf(
                    "[dev] %s up on the dev overlay after %d ms%n", MODULE, (System.nanoTime() - start) / 1_000_000);
            String password = dev.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/operator")
                    .check()
                    .out()
                    .strip();
            try (TestMqttClient operator = TestMqttClient.connect("tcp://127.0.0.1:" + port, "operator", password)) {
                operator.subscribe("chorus/status/" + MODULE);
                operator.await("chorus/status/" + MODULE, r -> r.text().contains("\"state\": \"online\""));
                for (int round = 1; round <= 2; round++) {
                    String version =
                            "dev-" + round + "-" + UUID.randomUUID().toString().substring(0, 6);
                    operator.clear();
                    long saved = System.nanoTime();
                    Files.writeString(yml, original.replace("version: ${project.version}", "version: " + version));
                    TestMqttClient.Received status = await().atMost(Duration.ofMinutes(2))
                            .pollInterval(Duration.ofMillis(50))
                            .until(
                                    () -> operator.received("chorus/status/" + MODULE).stream()
                                            .filter(r -> r.text().contains(version)
                                                    && r.text().contains("\"state\": \"online\""))
                                            .findFirst(),
                                    java.util.Optional::isPresent)
                            .orElseThrow();
                    long ms = (System.nanoTime() - saved) / 1_000_000;
                    System.out.printf(
                            "[dev] edit %d: application.yml saved -> %s online with version %s after %d ms%n",
                            round, MODULE, version, ms);
                    assertThat(status.text()).contains("\"module\": \"" + MODULE + "\"");
                }
                javaEdits(dev, operator);
            }
        }
    }

    /**
     * Java sources, through DevRunner's javac: a changed error message shows over MQTT; a save that
     * does not compile leaves the module answering as before; the next good save takes effect.
     */
    private void javaEdits(ComposeProject dev, TestMqttClient operator) throws IOException {
        Path java = work.resolve("modules/" + MODULE + "/src/main/java/dev/chorus/audio/hermes/SetVolumeListener.java");
        String original = Files.readString(java);
        String message = "volume must be between 0 and 1";
        assertThat(original).contains(message);
        operator.subscribe("hermes/error/#");

        String first = "volume (dev edit " + UUID.randomUUID().toString().substring(0, 6) + ") must be between 0 and 1";
        long saved = System.nanoTime();
        Files.writeString(java, original.replace(message, first));
        awaitVolumeError(operator, first);
        System.out.printf(
                "[dev] java edit: SetVolumeListener.java saved -> new error text over MQTT after %d ms%n",
                (System.nanoTime() - saved) / 1_000_000);

        // not Java: the running module stays as it was, and says so in its log
        Files.writeString(java, original.replace(message, first) + "\nthis does not compile\n");
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> dev.compose("logs", "--no-color", MODULE).out().contains("does not compile"));
        awaitVolumeError(operator, first);

        String second =
                "volume (dev edit " + UUID.randomUUID().toString().substring(0, 6) + ") must be between 0 and 1";
        Files.writeString(java, original.replace(message, second));
        awaitVolumeError(operator, second);
        System.out.println("[dev] java edit that does not compile: module kept answering; the fix took effect");
    }

    /** Sends an out-of-range setVolume until audio's error names the text (the module may be restarting). */
    private static void awaitVolumeError(TestMqttClient operator, String text) {
        operator.clear();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    operator.publish("rhasspy/audioServer/setVolume", "{\"siteId\": \"devtest\", \"volume\": 5}");
                    return operator.received("hermes/error/#").stream()
                            .anyMatch(r -> r.text().contains(text));
                });
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.toString().contains("target")
                        || rel.startsWith("src/test")
                        || rel.toString().contains("/src/test")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(f, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
