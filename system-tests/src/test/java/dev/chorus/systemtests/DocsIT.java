package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's {@code docker compose up} (foreground, then Ctrl-C), then the operator commands of docs/containers.md,
 * docs/configuration.md and the module docs (cli, gateway, mic), verbatim, in the order a reader meets them, on the
 * shared stack after ReadmeIT has taken it down: the Run block brings it up again ({@code docker compose up -d --wait}) and ends it ({@code down}, {@code down -v}), which is why this class
 * runs last of the shared-stack classes. The environment only points the commands at that stack, as in ReadmeIT.
 */
@Order(6)
@ExtendWith(SharedStack.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DocsIT {

    private static final Path REPO = Docker.repoRoot();

    private static SharedStack stack;
    private static Map<String, List<List<String>>> containers;
    private static Map<String, String> env;

    @TempDir
    static Path config;

    @BeforeAll
    static void stack(SharedStack shared) throws Exception {
        stack = shared;
        containers = DocCommands.shBlockList(Files.readString(REPO.resolve("docs/containers.md")));
        env = stack.userEnvWithBuild(config.resolve("xdg"));
    }

    /**
     * README.md "Run the stack": {@code docker compose up} in the foreground until every service is healthy, then
     * Ctrl-C (SIGINT), which stops the stack as it does in a terminal.
     */
    @Test
    @Order(0)
    void readmeRunTheStackInTheForeground() throws Exception {
        List<String> block = DocCommands.shBlockList(Files.readString(REPO.resolve("README.md")))
                .get("Run the stack")
                .get(0);
        assertThat(block).as("README.md: the first block under Run the stack").containsExactly("docker compose up");
        Path log = config.resolve("compose-up.log");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + block.get(0))
                .directory(REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env());
        long start = System.nanoTime();
        Process up = pb.start();
        try {
            for (String service : stack.modules) {
                Awaitility.await()
                        .atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofSeconds(1))
                        .failFast("`docker compose up` ended (log: " + log + ")", () -> !up.isAlive())
                        .untilAsserted(() -> {
                            assertThat(stack.project
                                            .compose("ps", "--format", "{{.Health}}", service)
                                            .check()
                                            .out()
                                            .strip())
                                    .isEqualTo("healthy");
                        });
            }
            System.out.printf(
                    "[docs] docker compose up: every module healthy after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            // Ctrl-C in the terminal: SIGINT to the docker CLI, which passes it on to its compose plugin; that
            // stops the containers and exits. Not checked: compose may have ended already (failFast above).
            Docker.run(Duration.ofSeconds(10), List.of("kill", "-INT", Long.toString(up.pid())));
            if (!up.waitFor(2, TimeUnit.MINUTES)) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
        // the containers it started (or attached to, when the stack was up already) and their logs
        assertThat(Files.readString(log)).as("what `docker compose up` printed").contains("tts-1");
        assertThat(stack.project.compose("ps", "--quiet").check().out())
                .as("Ctrl-C stopped every container")
                .isBlank();
    }

    @Test
    @Order(1)
    void runBlockStartsTheStack() throws Exception {
        for (String line : runBlock()) {
            String command = DocCommands.command(line);
            if (command.startsWith("docker compose down")) {
                break; // the end of this class, below
            }
            if (command.startsWith("docker compose logs -f ")) {
                List<String> lines = DocCommands.firstLines(line, env(), REPO, 5, Duration.ofSeconds(30));
                System.out.println("[docs] " + line + "\n  printed: " + lines);
                String service = command.substring("docker compose logs -f ".length());
                assertThat(lines).as("`%s` follows that service's log", line).isNotEmpty();
                assertThat(lines).allSatisfy(l -> assertThat(l).contains(service + "-1  | "));
                continue;
            }
            Docker.Result r = run(line, Duration.ofMinutes(8));
            if (command.equals("docker compose ps")) {
                for (String service : stack.modules) {
                    assertThat(r.out()).containsPattern("(?m)^" + stack.name() + "-" + service + "-1 .*\\(healthy\\)");
                }
            }
        }
    }

    @Test
    @Order(2)
    void cliCommandsAsPrinted() throws Exception {
        List<String> block = containers.get("Run").get(1);
        assertThat(block)
                .as("docs/containers.md: the cli block under Run")
                .allMatch(l -> l.startsWith("docker compose run --rm cli "));
        for (String line : block) {
            Docker.Result r = run(line, Duration.ofMinutes(3));
            if (line.startsWith("docker compose run --rm cli status")) {
                for (String module : stack.modules) {
                    assertThat(r.out()).containsPattern("(?m)^" + module + "\\s+online");
                }
            }
        }
        // modules/cli/README.md: the same cli from a host, with the cli principal's password in a file
        List<String> host = DocCommands.blockWith(REPO.resolve("modules/cli/README.md"), "java -jar ");
        assertThat(REPO.resolve("modules/cli/target/chorus-cli.jar"))
                .as(
                        "the host cli, built by ./mvnw verify before the system tests (or ./mvnw -pl modules/cli -am package)")
                .isRegularFile();
        Path passwordFile = REPO.resolve("cli-password");
        try {
            for (String line : host) {
                Docker.Result r = run(line, Duration.ofMinutes(1));
                if (line.startsWith("java -jar ")) {
                    for (String module : stack.modules) {
                        assertThat(r.out()).containsPattern("(?m)^" + module + "\\s+online");
                    }
                }
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    @Test
    @Order(3)
    void operatorToolsLogIn() throws Exception {
        List<String> block = containers.get("Passwords").get(0);
        String password = run(block.get(0), Duration.ofMinutes(1)).out().strip();
        assertThat(password)
                .as("`%s` prints the operator's password", block.get(0))
                .isNotBlank()
                .doesNotContain("\n");
        String sub = block.get(1);
        assertThat(sub).startsWith("mosquitto_sub ");
        // chorus/# has more retained topics than the statuses (listening sites, the grammar): read a while
        List<String> lines = DocCommands.firstLines(sub, env(), REPO, 3 * stack.modules.size(), Duration.ofSeconds(15));
        System.out.println("[docs] " + sub + "\n  printed " + lines.size() + " lines");
        for (String module : stack.modules) {
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("chorus/status/" + module + " "));
        }
    }

    @Test
    @Order(4)
    void metricsAsPrinted() throws Exception {
        List<List<String>> blocks = DocCommands.shBlockList(Files.readString(REPO.resolve("docs/configuration.md")))
                .get("Metrics");
        assertThat(blocks)
                .as("docs/configuration.md: the ```sh blocks under Metrics")
                .hasSize(2);
        String module = run(blocks.get(0).get(0), Duration.ofMinutes(1)).out();
        assertThat(module).contains(" 200 ").contains("chorus_mqtt_messages_in_total");
        String broker = run(blocks.get(1).get(0), Duration.ofMinutes(1)).out();
        assertThat(broker).contains(" 200 ").contains("com_hivemq_networking_connections_current");
    }

    /** modules/gateway/README.md "API clients": the three lines in one shell, as their variables need. */
    @Test
    @Order(5)
    void gatewayApiTokenAsPrinted() throws Exception {
        List<String> block = DocCommands.shBlocks(Files.readString(REPO.resolve("modules/gateway/README.md")))
                .get("API clients");
        assertThat(block)
                .as("modules/gateway/README.md: the block under API clients")
                .hasSize(3);
        Docker.Result r = run(String.join("\n", block), Duration.ofMinutes(1));
        for (String module : stack.modules) {
            assertThat(r.out()).as("GET /api/modules with the token").contains("\"" + module + "\"");
        }
    }

    /** modules/mic/CONFIG.md: a WAV made as it says, then both ways of putting it into the inbox. */
    @Test
    @Order(6)
    void wavIntoTheMicInboxAsPrinted() throws Exception {
        String micDoc = Files.readString(REPO.resolve("modules/mic/CONFIG.md"));
        String espeak = "espeak-ng -w hello.wav \"what time is it\"";
        assertThat(micDoc)
                .as("modules/mic/CONFIG.md says how to make hello.wav")
                .contains("`" + espeak + "`");
        List<List<String>> blocks = DocCommands.shBlockList(micDoc).get("Inject a WAV into the running stack");
        assertThat(blocks).hasSize(2);
        // In a folder of its own, so that hello.wav stays out of the checkout; COMPOSE_FILE names the stack's file
        // (Compose reads .env beside it).
        Path dir = Files.createDirectories(config.resolve("wav"));
        Map<String, String> env = new HashMap<>(env());
        env.put("COMPOSE_FILE", REPO.resolve("docker-compose.yml").toString());
        DocCommands.bash(espeak, env, dir, Duration.ofMinutes(1)).check();
        int done = 0;
        for (List<String> block : blocks) {
            Docker.Result r = DocCommands.bash(block.get(0), env, dir, Duration.ofMinutes(1));
            System.out.printf("[docs] %s -> exit %d%n", block.get(0), r.exit());
            r.check();
            int expected = ++done;
            // streamed on the default site (the wake module listens to it), then moved to .done
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(stack.project
                                    .compose("exec", "-T", "mic", "ls", "-A", "/data/inbox/.done")
                                    .check()
                                    .out()
                                    .lines()
                                    .filter(l -> l.endsWith("_default_hello.wav")))
                            .hasSize(expected));
        }
    }

    @Test
    @Order(7)
    void ownPasswordsAsPrinted() throws Exception {
        List<String> block = containers.get("Passwords").get(1);
        assertThat(block.get(0)).contains("$MY_OPERATOR_PASSWORD");
        String mine = "doc-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(env());
        env.put("MY_OPERATOR_PASSWORD", mine);
        String ttsBefore = tts();
        // README.md "Containers" says the same with $PW: first that, then the block
        String readme = "printf '%s\\n' \"$PW\" | docker compose run --rm -T mqtt-init set operator";
        assertThat(Files.readString(REPO.resolve("README.md"))).contains("`" + readme + "`");
        env.put("PW", "readme-" + UUID.randomUUID());
        DocCommands.bash(readme, env, REPO, Duration.ofMinutes(1)).check();
        assertThat(operator()).isEqualTo(env.get("PW"));
        for (String line : block) {
            Docker.Result r = DocCommands.bash(line, env, REPO, Duration.ofMinutes(3));
            System.out.printf("[docs] %s -> exit %d%n%s", line, r.exit(), r.err());
            r.check();
        }
        assertThat(operator()).isEqualTo(mine);
        assertThat(tts()).as("rotate tts: a new random password").isNotEqualTo(ttsBefore);
        // the broker and the tts restarted with them: the tts logs in with its new password (its health check
        // includes the MQTT connection), and the operator with the one given
        awaitHealthy("tts");
        // healthy comes with the connection, the retained `online` just after it: read until it is there
        Awaitility.await()
                .atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(DocCommands.firstLines(
                                "mosquitto_sub -V mqttv5 -h 127.0.0.1 -u operator -P \"$MY_OPERATOR_PASSWORD\" -t chorus/status/tts -C 1",
                                env,
                                REPO,
                                1,
                                Duration.ofSeconds(10)))
                        .singleElement()
                        .asString()
                        .contains("\"state\": \"online\""));
    }

    @Test
    @Order(8)
    void replaceOneModuleAsPrinted() throws Exception {
        for (String line : containers.get("Replace one module").get(0)) {
            run(line, Duration.ofMinutes(8));
        }
        awaitHealthy("tts");
        // docs/building-images.md: one image again as ./mvnw verify built it (one shell: the export carries over)
        List<String> again =
                DocCommands.blockWith(REPO.resolve("docs/building-images.md"), "export $(scripts/build-images.sh ");
        run(String.join("\n", again), Duration.ofMinutes(8));
        assertThat(Docker.revisionLabel(Docker.tag("tts")))
                .as("the tts image built by docs/building-images.md's commands is labelled with the commit under test")
                .isEqualTo(Docker.revision());
        // docs/building-images.md, stand-ins: one module image with plain docker build. Not run here: the block's
        // first two lines (.ci/run runs them), and its `docker compose build`, which would label every image of the
        // stack with no revision while later classes still use them.
        List<String> offline =
                DocCommands.blockWith(REPO.resolve("docs/building-images.md"), "export $(scripts/base-images.sh ");
        List<String> plain = offline.stream()
                .filter(l -> l.startsWith("export ") || l.startsWith("docker build "))
                .toList();
        assertThat(plain).hasSize(2);
        run(String.join("\n", plain), Duration.ofMinutes(8));
    }

    private static void awaitHealthy(String service) {
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(stack.project
                                .compose("ps", "--format", "{{.Health}}", service)
                                .check()
                                .out()
                                .strip())
                        .isEqualTo("healthy"));
    }

    /** modules/wake/CONFIG.md: the models fetched, then the wake image built again and the module replaced. */
    @Test
    @Order(9)
    void wakeModelsAsPrinted() throws Exception {
        String doc = Files.readString(REPO.resolve("modules/wake/CONFIG.md"));
        List<String> lines =
                List.of("scripts/wake-models.sh", "docker compose build wake && docker compose up -d wake");
        for (String line : lines) {
            assertThat(doc).as("modules/wake/CONFIG.md").contains("`" + line + "`");
            run(line, Duration.ofMinutes(8));
        }
        awaitHealthy("wake");
    }

    /**
     * The inline commands of docs/containers.md and docs/configuration.md that move a published port, and stopping
     * and starting one module in place: each as printed, then the stack put back on the test's ports.
     */
    @Test
    @Order(10)
    void portOverridesAndStopStartAsPrinted() throws Exception {
        String containersDoc = Files.readString(REPO.resolve("docs/containers.md"));
        String configurationDoc = Files.readString(REPO.resolve("docs/configuration.md"));
        String http = "CHORUS_HTTP_PORT=18080 docker compose up -d";
        String mqtt = "CHORUS_MQTT_PORT=11883 docker compose up -d";
        assertThat(containersDoc).contains("`" + http + "`");
        assertThat(configurationDoc).contains("`" + mqtt + "`");
        try {
            run(http, Duration.ofMinutes(3));
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(Docker.run(
                                            Duration.ofSeconds(10),
                                            List.of(
                                                    "curl",
                                                    "-q",
                                                    "-s",
                                                    "-o",
                                                    "/dev/null",
                                                    "-w",
                                                    "%{http_code}",
                                                    "http://127.0.0.1:18080/health"))
                                    .out())
                            .isEqualTo("200"));
            run(mqtt, Duration.ofMinutes(3));
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(DocCommands.firstLines(
                                    "mosquitto_sub -V mqttv5 -h 127.0.0.1 -p 11883 -u operator -P \"$(docker compose exec -T broker cat /run/secrets/mqtt-credentials/operator)\" -t chorus/status/tts -C 1",
                                    env,
                                    REPO,
                                    1,
                                    Duration.ofSeconds(10)))
                            .singleElement()
                            .asString()
                            .contains("\"module\": \"tts\""));
        } finally {
            run("docker compose up -d --wait", Duration.ofMinutes(5)); // the test's own ports again
        }
        // "To restart a stopped module in place" / the hybrid set-up's first step
        for (String line : List.of("docker compose stop tts", "docker compose start tts")) {
            assertThat(containersDoc).contains("`" + line + "`");
            run(line, Duration.ofMinutes(3));
        }
        awaitHealthy("tts");
        String hybrid = "docker compose exec broker cat /run/secrets/mqtt-credentials/tts";
        assertThat(containersDoc).contains("`" + hybrid + "`");
        assertThat(run(hybrid, Duration.ofMinutes(1)).out().strip()).isEqualTo(tts());
    }

    /** The rest of the Run block: {@code docker compose down}, then {@code down -v}. */
    @Test
    @Order(11)
    void runBlockEndsTheStack() {
        List<String> rest = runBlock().stream()
                .dropWhile(l -> !DocCommands.command(l).startsWith("docker compose down"))
                .toList();
        assertThat(rest).as("docs/containers.md: the Run block ends with down").isNotEmpty();
        for (String line : rest) {
            run(line, Duration.ofMinutes(3));
            assertThat(stack.project.compose("ps", "--all", "--quiet").check().out())
                    .as("nothing left after `%s`", line)
                    .isBlank();
        }
        assertThat(Docker.docker(
                                "volume",
                                "ls",
                                "--quiet",
                                "--filter",
                                "label=com.docker.compose.project=" + stack.name())
                        .check()
                        .out())
                .as("`docker compose down -v` deleted the volumes")
                .isBlank();
    }

    private static List<String> runBlock() {
        return containers.get("Run").get(0);
    }

    private static String tts() {
        return password("tts");
    }

    private static String operator() {
        return password("operator");
    }

    private static String password(String principal) {
        return stack.project
                .compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/" + principal)
                .check()
                .out()
                .strip();
    }

    /** One line with bash in the repository folder, pointed at the shared stack; must succeed. */
    private static Docker.Result run(String line, Duration timeout) {
        long start = System.nanoTime();
        Docker.Result r = DocCommands.bash(line, env(), REPO, timeout);
        System.out.printf(
                "[docs] %s -> exit %d after %d ms%n", line, r.exit(), (System.nanoTime() - start) / 1_000_000);
        return r.check();
    }

    private static Map<String, String> env() {
        return env;
    }
}
