package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.testkit.TestMqttClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/new-module.md's quick recipe, as printed, in a copy of the repository: its first {@code ```sh}
 * block ({@code scripts/new-module.sh weather}, {@code docker compose up -d --wait weather}) run with
 * bash; then the new module's container is healthy, runs as 10001, and its retained
 * {@code chorus/status/weather} says online. No Dockerfile was copied. The copy's images get their
 * own registry name and its stack its own project name and ports, so nothing of the checkout's
 * stack or images is touched; they are removed afterwards.
 */
@Order(7)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class NewModuleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODULE = "weather";

    @TempDir
    Path work;

    @Test
    void theRecipeAddsAModuleThatComesOnline() throws Exception {
        Docker.require(Docker.tag("broker"));
        Path repo = Docker.repoRoot();
        Path copy = work.resolve("chorus");
        copyWorkTree(repo, copy);

        String recipeBlock = "Quick recipe";
        List<List<String>> blocks = DocCommands.shBlockList(Files.readString(repo.resolve("docs/new-module.md")))
                .get(recipeBlock);
        assertThat(blocks)
                .as("docs/new-module.md: ```sh blocks under \"" + recipeBlock + "\"")
                .isNotEmpty();
        List<String> recipe = blocks.get(0);
        assertThat(recipe)
                .as("docs/new-module.md: the first ```sh block under \"" + recipeBlock + "\"")
                .anyMatch(l -> l.startsWith("scripts/new-module.sh " + MODULE))
                .anyMatch(l -> l.startsWith("docker compose up"));

        String id = UUID.randomUUID().toString().substring(0, 6);
        String registry = "chorus-newmoduletest-" + id;
        String project = "chorus-newmoduletest-" + id;
        int mqttPort = Docker.freePort();
        Map<String, String> env = new HashMap<>(Docker.buildEnv());
        env.put("COMPOSE_PROJECT_NAME", project);
        env.put("CHORUS_REGISTRY", registry);
        env.put("CHORUS_MQTT_PORT", Integer.toString(mqttPort));
        env.put("CHORUS_HTTP_PORT", Integer.toString(Docker.freePort()));
        // mosquitto_sub's option file gives the stack's MQTT port to the doc's mosquitto_sub line (as in SharedStack)
        Path xdg = Files.createDirectories(work.resolve("xdg"));
        Files.writeString(xdg.resolve("mosquitto_sub"), "-p " + mqttPort + "\n");
        env.put("XDG_CONFIG_HOME", xdg.toString());
        ComposeProject stack = new ComposeProject(project, copy, "docker-compose.yml");
        stack.env.putAll(env);
        try (stack) {
            for (String line : recipe) {
                long start = System.nanoTime();
                Docker.Result r = Docker.run(Duration.ofMinutes(15), List.of("bash", "-c", line), env, copy);
                System.out.printf(
                        "[new-module] %s -> exit %d after %d ms%n%s",
                        line,
                        r.exit(),
                        (System.nanoTime() - start) / 1_000_000,
                        r.err()
                                .lines()
                                .filter(l -> l.startsWith("new-module:"))
                                .map(l -> "  " + l + "\n")
                                .reduce("", String::concat));
                if (r.exit() != 0) {
                    System.out.println(
                            stack.compose("logs", "--no-color", "--tail", "60").out());
                }
                r.check();
            }
            assertThat(copy.resolve("modules/" + MODULE + "/Dockerfile")).doesNotExist();
            assertThat(Files.readString(copy.resolve("modules/pom.xml"))).contains("<module>" + MODULE + "</module>");

            JsonNode container = stack.inspect(MODULE);
            assertThat(container.get("State").get("Health").get("Status").asText())
                    .isEqualTo("healthy");
            assertThat(container.get("Config").get("Image").asText()).startsWith(registry + "/" + MODULE + ":");
            assertThat(stack.compose("exec", "-T", MODULE, "id", "-u")
                            .check()
                            .out()
                            .strip())
                    .isEqualTo("10001");
            assertThat(stack.compose("exec", "-T", MODULE, "ls", "-A", "/run/secrets")
                            .check()
                            .out()
                            .strip())
                    .as("its own password only")
                    .isEqualTo("mqtt-password");

            // the doc's next block: the module healthy and online, as a reader checks it
            assertThat(blocks)
                    .as("docs/new-module.md: a second ```sh block under \"" + recipeBlock + "\"")
                    .hasSize(2);
            for (String line : blocks.get(1)) {
                if (line.startsWith("mosquitto_sub ")) {
                    // healthy comes with the connection, the retained `online` just after it: read until it is there
                    org.awaitility.Awaitility.await()
                            .atMost(Duration.ofMinutes(1))
                            .pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> {
                                List<String> lines = DocCommands.firstLines(line, env, copy, 1, Duration.ofSeconds(10));
                                System.out.println("[new-module] " + line + "\n  printed: " + lines);
                                assertThat(lines)
                                        .singleElement()
                                        .asString()
                                        .startsWith("chorus/status/" + MODULE + " ")
                                        .contains("\"state\": \"online\"");
                            });
                } else {
                    Docker.Result r = DocCommands.bash(line, env, copy, Duration.ofMinutes(1));
                    System.out.printf("[new-module] %s -> exit %d%n%s", line, r.exit(), r.out());
                    assertThat(r.check().out()).contains("(healthy)");
                }
            }
            String operator = stack.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/operator")
                    .check()
                    .out()
                    .strip();
            try (TestMqttClient client = TestMqttClient.connect("tcp://127.0.0.1:" + mqttPort, "operator", operator)) {
                client.subscribe("chorus/status/" + MODULE);
                TestMqttClient.Received status = client.await("chorus/status/" + MODULE);
                System.out.println("[new-module] chorus/status/" + MODULE + " " + status.text());
                assertThat(status.retained()).as("retained").isTrue();
                JsonNode json = JSON.readTree(status.text());
                assertThat(json.get("module").asText()).isEqualTo(MODULE);
                assertThat(json.get("state").asText()).isEqualTo("online");
            }
        } finally {
            for (String name : List.of("broker", MODULE)) {
                Docker.docker(
                        "rmi",
                        "--force",
                        registry + "/" + name + ":" + Docker.dotEnv().get("CHORUS_VERSION"));
            }
        }
    }

    /** The files git knows (committed or not, new ones included), as they are in the work tree. */
    private static void copyWorkTree(Path repo, Path to) throws IOException {
        String files = Docker.run(
                        Duration.ofSeconds(60),
                        List.of("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
                        Map.of(),
                        repo)
                .check()
                .out();
        for (String f : files.split("\0")) {
            Path from = repo.resolve(f);
            if (f.isEmpty() || !Files.isRegularFile(from)) {
                continue; // deleted in the work tree
            }
            Path dest = to.resolve(f);
            Files.createDirectories(dest.getParent());
            try {
                Files.copy(from, dest, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
