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
 * audio (the lighter restart); the change is the version it reports in its status.
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
            }
        }
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
