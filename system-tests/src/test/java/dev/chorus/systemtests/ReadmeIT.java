package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of README.md, verbatim: read from its {@code ```sh} blocks and run with bash in the
 * repository folder, as a reader pastes them, against the shared stack (which is what the README's
 * {@code docker compose up -d --wait} starts). The environment only points them at that stack: its
 * Compose project name ({@code COMPOSE_PROJECT_NAME}), its ports ({@code CHORUS_MQTT_PORT}, and
 * mosquitto_sub's own option file for {@code -p}), and for {@code docker compose build} the build
 * variables scripts/build-images.sh uses. A changed command in the README is a changed test.
 * Runs after the other shared-stack classes: the Containers block ends with {@code docker compose down}
 * (DocsIT, next, brings the stack up again with the docs' own commands).
 */
@Order(5)
@ExtendWith(SharedStack.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReadmeIT {

    private static final Path README = Docker.repoRoot().resolve("README.md");
    private static final Path CLI_README = Docker.repoRoot().resolve("modules/cli/README.md");

    private static SharedStack stack;

    @TempDir
    static Path config;

    @BeforeAll
    static void stack(SharedStack shared) {
        stack = shared;
    }

    /** The README's mosquitto_sub / mosquitto_pub command lines, in order. */
    static List<String> mqttCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        for (List<String> block : DocCommands.shBlocks(Files.readString(README)).values()) {
            for (String line : block) {
                if (line.startsWith("mosquitto_")) {
                    commands.add(line);
                }
            }
        }
        return commands;
    }

    @Test
    @Order(1)
    void mqttCommandsShowEveryModuleOnline() throws Exception {
        List<String> commands = mqttCommands();
        assertThat(commands).as("mosquitto_* commands in README.md").isNotEmpty();
        for (String command : commands) {
            if (command.startsWith("mosquitto_sub")) {
                List<String> lines = DocCommands.firstLines(
                        command, env(), Docker.repoRoot(), stack.modules.size(), Duration.ofSeconds(30));
                System.out.println("[readme] " + command + "\n  printed: " + lines);
                String hint = lines.stream().anyMatch(l -> l.contains("Client Identifier not valid"))
                        ? " (mosquitto_sub sends an empty client id; the broker must accept it and assign one)"
                        : "";
                for (String module : stack.modules) {
                    assertThat(lines)
                            .as("`%s` prints the retained status of %s%s", command, module, hint)
                            .anySatisfy(l -> assertThat(l)
                                    .startsWith("chorus/status/" + module + " ")
                                    .contains("\"state\": \"online\""));
                }
            } else {
                Docker.Result r = bash(command, Duration.ofSeconds(60));
                System.out.println("[readme] " + command + " -> exit " + r.exit());
                r.check();
            }
        }
    }

    /**
     * The say commands of modules/cli/README.md, verbatim: on one site (hermes/tts/say) and on several
     * (chorus/tts/say). Each prints the id of its say once every site's sayFinished is back.
     */
    @Test
    @Order(2)
    void cliReadmeSayCommandsRunAsPrinted() throws Exception {
        List<String> says = DocCommands.shBlocks(Files.readString(CLI_README)).values().stream()
                .flatMap(List::stream)
                .filter(l -> l.startsWith("docker compose run --rm cli say "))
                .toList();
        assertThat(says)
                .as("`docker compose run --rm cli say` lines in modules/cli/README.md")
                .anyMatch(l -> l.contains("--site ") && l.contains(","));
        for (String line : says) {
            Docker.Result r = bash(line, Duration.ofMinutes(3));
            System.out.printf(
                    "[readme] %s -> exit %d, printed %s%n",
                    line, r.exit(), r.out().strip());
            r.check();
            assertThat(r.out().strip())
                    .as("what `%s` printed", line)
                    .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }
    }

    /**
     * The Containers section's block, line by line: up --wait (the stack is up: nothing to do),
     * ps, the cli, replacing one module, down. Checks what each printed.
     */
    @Test
    @Order(3)
    void containersBlockRunsAsPrinted() throws Exception {
        List<String> block = DocCommands.shBlocks(Files.readString(README)).get("Containers");
        assertThat(block)
                .as("the ```sh block of README.md's Containers section")
                .isNotNull()
                .isNotEmpty();
        for (String line : block) {
            long start = System.nanoTime();
            Docker.Result r = bash(line, Duration.ofMinutes(8));
            System.out.printf(
                    "[readme] %s -> exit %d after %d ms%n%s",
                    line,
                    r.exit(),
                    (System.nanoTime() - start) / 1_000_000,
                    r.err().lines().map(l -> "  " + l + "\n").reduce("", String::concat));
            r.check();
            String command = line.replaceAll("\\s+#.*$", "");
            if (command.equals("docker compose ps")) {
                for (String service : concat("broker", stack.modules)) {
                    assertThat(r.out()).containsPattern("(?m)^" + stack.name() + "-" + service + "-1 .*\\(healthy\\)");
                }
            } else if (command.startsWith("docker compose run --rm cli status")) {
                for (String module : stack.modules) {
                    assertThat(r.out()).containsPattern("(?m)^" + module + "\\s+online");
                }
            } else if (command.startsWith("docker compose build tts")) {
                assertThat(Docker.revisionLabel(Docker.tag("tts")))
                        .as("the rebuilt tts image is still the commit under test")
                        .isEqualTo(Docker.revision());
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofMinutes(3))
                        .untilAsserted(() -> assertThat(stack.project
                                        .compose("ps", "--format", "{{.Health}}", "tts")
                                        .check()
                                        .out()
                                        .strip())
                                .isEqualTo("healthy"));
            } else if (command.equals("docker compose down")) {
                assertThat(stack.project
                                .compose("ps", "--all", "--quiet")
                                .check()
                                .out())
                        .as("nothing left running")
                        .isBlank();
            }
        }
    }

    /** Runs one line with bash in the repository folder, pointed at the shared stack. */
    private static Docker.Result bash(String line, Duration timeout) {
        return DocCommands.bash(line, env(), Docker.repoRoot(), timeout);
    }

    private static Map<String, String> env() {
        return stack.userEnvWithBuild(config.resolve("xdg"));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
