package dev.chorus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's "Run without Docker" block: its {@code java -jar} line runs verbatim with bash in the repository
 * folder, against the jar this build just packaged (which is what the block's first line, the Maven package
 * command, makes; a build cannot run itself, so that line is only checked to be the one that makes this jar).
 * The environment only points it at a temporary data folder and free ports, and runs the three modules of the
 * memory target to keep it cheap.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReadmeEmbeddedIT {

    private static final String HEADING = "## Run without Docker";

    @TempDir
    Path data;

    @Test
    void theReadmeCommandStartsTheStack() throws Exception {
        List<String> block = shBlockUnder(Files.readString(Repo.root().resolve("README.md")), HEADING);
        assertThat(block).hasSize(2);
        assertThat(block.get(0)).startsWith("./mvnw ").contains("-pl modules/embedded -am package");
        String command = block.get(1);
        assertThat(command).startsWith("java ").contains("-jar modules/embedded/target/chorus-embedded.jar");

        int mqttPort = freePort();
        int httpPort = freePort();
        Path log = data.resolve("out.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command)
                .directory(Repo.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("CHORUS_DATA_DIR", data.resolve("chorus-data").toString());
        pb.environment().put("CHORUS_EMBEDDED_MODULES", "tts,audio,gateway");
        pb.environment().put("CHORUS_BROKER_MQTT_PORT", Integer.toString(mqttPort));
        pb.environment().put("CHORUS_GATEWAY_PORT", Integer.toString(httpPort));
        Process process = pb.start();
        try {
            await("`" + command + "` says it is ready (" + log + ")")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.readString(log).contains("embedded stack ready") || !process.isAlive());
            assertThat(Files.readString(log)).contains("embedded stack ready");
            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(data.resolve("chorus-data/credentials/operator")).isRegularFile();
        } finally {
            // SIGTERM, as Ctrl-C or a service manager stops it: the shutdown hook stops modules and broker
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        assertThat(Files.readString(log)).doesNotContain(" ERROR ");
    }

    /** The lines of the first {@code ```sh} block after a heading. */
    static List<String> shBlockUnder(String markdown, String heading) {
        List<String> lines = new ArrayList<>();
        boolean underHeading = false;
        boolean inBlock = false;
        for (String line : markdown.split("\n")) {
            if (!inBlock && line.startsWith("#")) {
                if (underHeading && !lines.isEmpty()) {
                    break;
                }
                underHeading = line.strip().equals(heading);
            } else if (underHeading && !inBlock && line.strip().equals("```sh")) {
                inBlock = true;
            } else if (inBlock && line.strip().equals("```")) {
                break;
            } else if (inBlock && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return lines;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
