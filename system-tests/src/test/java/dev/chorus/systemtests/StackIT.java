package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.testkit.Scrape;
import dev.chorus.testkit.TestMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole stack as docker-compose.yml defines it (the shared stack of the run, {@link SharedStack}):
 * every service healthy as non-root, hardening, credentials, module status over MQTT, stopping and
 * replacing one module while the others keep running, the cli service, idle memory against budgets.
 * Each test that changes the stack puts it back.
 */
@Order(3)
@ExtendWith(SharedStack.Extension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class StackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofMinutes(3);

    /**
     * Memory budgets in MiB (docker stats, after the stack tests' traffic: a few says, a module
     * stopped and one replaced), documented in docs/containers.md ("Memory"). Below each container's mem_limit,
     * with room for the JVM's lazy growth; a module over its budget has a leak or a new heavy
     * dependency. A module without its own entry (a new module) gets {@link #MODULE_BUDGET_MIB}.
     */
    static final Map<String, Integer> IDLE_BUDGET_MIB =
            Map.of("broker", 256, "tts", 384, "audio", 160, "gateway", 192, "asr", 320, "wake", 256, "nlu", 224);

    static final int MODULE_BUDGET_MIB = 160;

    private static ComposeProject stack;
    private static int mqttPort;
    private static int httpPort;
    private static List<String> modules;
    private static String operatorPassword;

    @BeforeAll
    static void up(SharedStack shared) {
        stack = shared.project;
        mqttPort = shared.mqttPort;
        httpPort = shared.httpPort;
        modules = shared.modules;
        operatorPassword = shared.operatorPassword;
    }

    @Test
    @Order(1)
    void everyServiceIsHealthy() throws Exception {
        Map<String, JsonNode> byService = new HashMap<>();
        for (String line :
                stack.compose("ps", "--all", "--format", "json").check().out().split("\n")) {
            if (!line.isBlank()) {
                JsonNode c = JSON.readTree(line);
                byService.put(c.get("Service").asText(), c);
            }
        }
        assertThat(byService.get("mqtt-init").get("State").asText()).isEqualTo("exited");
        assertThat(byService.get("mqtt-init").get("ExitCode").asInt()).isZero();
        for (String service : concat("broker", modules)) {
            assertThat(byService.get(service).get("Health").asText())
                    .as(service)
                    .isEqualTo("healthy");
            assertThat(stack.compose("exec", "-T", service, "id", "-u")
                            .check()
                            .out()
                            .strip())
                    .as("uid of the process in " + service)
                    .isEqualTo("10001");
        }
    }

    @Test
    @Order(2)
    void everyContainerIsLockedDown() {
        for (String service : concat("broker", modules)) {
            JsonNode c = stack.inspect(service);
            JsonNode host = c.get("HostConfig");
            assertThat(c.get("Config").get("User").asText()).as(service).isEqualTo("10001:10001");
            assertThat(host.get("ReadonlyRootfs").asBoolean())
                    .as(service + " read-only")
                    .isTrue();
            assertThat(host.get("CapDrop").toString()).as(service).contains("ALL");
            assertThat(host.get("SecurityOpt").toString()).as(service).contains("no-new-privileges:true");
            assertThat(host.get("RestartPolicy").get("Name").asText()).isEqualTo("unless-stopped");
            assertThat(host.get("Memory").asLong())
                    .as(service + " memory limit")
                    .isPositive();
            Set<String> networks = new HashSet<>();
            c.get("NetworkSettings").get("Networks").fieldNames().forEachRemaining(networks::add);
            JsonNode ports = host.get("PortBindings");
            if (service.equals("broker") || service.equals("gateway")) {
                String port = service.equals("broker") ? "1883/tcp" : "8080/tcp";
                assertThat(ports.size()).as(service + " publishes one port").isEqualTo(1);
                assertThat(ports.get(port).get(0).get("HostIp").asText()).isEqualTo("127.0.0.1");
                assertThat(networks).containsExactlyInAnyOrder(stack.name + "_internal", stack.name + "_edge");
            } else {
                assertThat(ports.size()).as(service + " publishes nothing").isZero();
                assertThat(networks).as(service + " has no way out").containsExactly(stack.name + "_internal");
            }
        }
        assertThat(Docker.docker("network", "inspect", "--format", "{{.Internal}}", stack.name + "_internal")
                        .check()
                        .out()
                        .strip())
                .isEqualTo("true");
    }

    /**
     * Each JVM maps its image's class-data sharing archive (scripts/cds-train.sh). A JVM that cannot use it (class
     * path or JVM changed since the image's training start) says nothing and starts twice as slowly.
     */
    @Test
    @Order(2)
    void everyJvmMapsItsImagesClassDataArchive() {
        for (String service : concat("broker", modules)) {
            assertThat(stack.compose("exec", "-T", service, "grep", "-c", "/app/app.jsa", "/proc/1/maps")
                            .out()
                            .strip())
                    .as("mappings of /app/app.jsa by the JVM (pid 1) of " + service)
                    .isNotIn("", "0");
        }
    }

    @Test
    @Order(3)
    void eachModuleSeesOnlyItsOwnPassword() {
        Set<String> passwords = new HashSet<>();
        for (String module : modules) {
            String files = stack.compose("exec", "-T", module, "ls", "-A", "/run/secrets")
                    .check()
                    .out()
                    .strip();
            // the gateway's console login is the operator credential (modules/gateway/CONFIG.md)
            assertThat(files)
                    .as(module + " secrets")
                    .isEqualTo(module.equals("gateway") ? "mqtt-password\noperator-password" : "mqtt-password");
            String own = stack.compose("exec", "-T", module, "cat", "/run/secrets/mqtt-password")
                    .check()
                    .out()
                    .strip();
            String broker = stack.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/" + module)
                    .check()
                    .out()
                    .strip();
            assertThat(own).isEqualTo(broker).hasSizeGreaterThanOrEqualTo(32);
            passwords.add(own);
        }
        assertThat(passwords).as("one password per principal").hasSize(modules.size());
    }

    @Test
    @Order(4)
    void noPasswordInDockerInspect() {
        List<String> secrets = new ArrayList<>();
        for (String principal : List.of("tts", "audio", "gateway", "cli", "operator")) {
            secrets.add(stack.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/" + principal)
                    .check()
                    .out()
                    .strip());
        }
        for (String service : concat("broker", modules)) {
            String inspect =
                    Docker.docker("inspect", stack.container(service)).check().out();
            for (String secret : secrets) {
                assertThat(inspect).as("docker inspect of " + service).doesNotContain(secret);
            }
        }
        String config = stack.compose("--profile", "*", "config").check().out();
        for (String secret : secrets) {
            assertThat(config).doesNotContain(secret);
        }
    }

    @Test
    @Order(5)
    void gatewayAnswersOnItsPublishedPort() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(modules.contains("gateway"), "no gateway in this stack");
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void operatorMosquittoSubSeesEveryModuleOnline() {
        Map<String, String> states = statuses();
        for (String module : modules) {
            assertThat(states.get(module)).as("retained status of " + module).contains("\"state\": \"online\"");
        }
    }

    @Test
    @Order(7)
    void stoppingOneModuleTurnsOnlyItOfflineAndStartingRestoresIt() {
        String stopped = modules.contains("audio") ? "audio" : modules.get(0);
        Map<String, String> before = statuses();
        stack.compose("stop", stopped).check();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(statuses().get(stopped)).contains("\"state\": \"offline\""));
        Map<String, String> during = statuses();
        for (String other : modules) {
            if (!other.equals(stopped)) {
                assertThat(during.get(other)).as(other + " unaffected").isEqualTo(before.get(other));
            }
        }
        // `start` (no --wait in Compose 2.26: the health is polled). Not `up --no-deps`: a later
        // plain `up` (ReadmeIT) would recreate a container that `up --no-deps` started.
        stack.compose("start", stopped).check();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(stack.compose("ps", "--format", "{{.Health}}", stopped)
                                .check()
                                .out()
                                .strip())
                        .isEqualTo("healthy"));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(statuses().get(stopped)).contains("\"state\": \"online\""));
    }

    @Test
    @Order(8)
    void moduleReplacedWithNoDepsGetsTheQos1MessagesSentWhileItWasDown() throws Exception {
        String brokerStarted = startedAt("broker");
        Map<String, String> before = statuses();
        String id = "stacktest-" + UUID.randomUUID();
        try (TestMqttClient operator =
                TestMqttClient.connect("tcp://127.0.0.1:" + mqttPort, "operator", operatorPassword)) {
            operator.subscribe("hermes/tts/sayFinished", "hermes/error/tts");
            stack.compose("stop", "tts").check();
            operator.publish(
                    "hermes/tts/say",
                    ("{\"text\": \"Sent while the module was being replaced.\", "
                                    + "\"siteId\": \"stacktest\", \"id\": \"" + id + "\"}")
                            .getBytes(),
                    1,
                    false);
            long start = System.nanoTime();
            stack.compose(
                            WAIT,
                            "up",
                            "--detach",
                            "--no-deps",
                            "--force-recreate",
                            "--wait",
                            "--no-build",
                            "--pull",
                            "never",
                            "tts")
                    .check();
            TestMqttClient.Received finished =
                    operator.await("hermes/tts/sayFinished", r -> r.text().contains(id));
            System.out.printf(
                    "[stack] tts replaced; sayFinished of the say sent while it was down after %d ms%n",
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(finished.text()).contains("\"siteId\": \"stacktest\"");
            assertThat(operator.received("hermes/error/tts")).isEmpty();
        }
        assertThat(startedAt("broker")).as("the broker kept running").isEqualTo(brokerStarted);
        Map<String, String> after = statuses();
        for (String other : modules) {
            if (!other.equals("tts")) {
                assertThat(after.get(other)).as(other + " kept its connection").isEqualTo(before.get(other));
            }
        }
    }

    @Test
    @Order(9)
    void cliServiceRunsACommandInTheStack() {
        String brokerStarted = startedAt("broker");
        Docker.Result status = stack.compose(WAIT, "--profile", "cli", "run", "--rm", "--no-TTY", "cli", "status")
                .check();
        for (String module : modules) {
            assertThat(status.out()).containsPattern("(?m)^" + module + "\\s+online");
        }
        assertThat(startedAt("broker")).as("`run` left the broker alone").isEqualTo(brokerStarted);
    }

    @Test
    @Order(10)
    void idleMemoryIsWithinEachContainersBudget() {
        String stats = Docker.docker("stats", "--no-stream", "--format", "{{.Name}}\t{{.MemUsage}}")
                .check()
                .out();
        Map<String, Double> mib = new java.util.TreeMap<>();
        for (String line : stats.split("\n")) {
            if (line.startsWith(stack.name + "-")) {
                String[] cols = line.split("\t");
                // <project>-<service>-<n>
                String service = cols[0].substring(stack.name.length() + 1, cols[0].lastIndexOf('-'));
                mib.put(service, mebibytes(cols[1].split("/")[0].strip()));
            }
        }
        System.out.println("[stack] idle memory, MiB (docker stats): " + mib);
        assertThat(mib.keySet()).containsAll(concat("broker", modules));
        for (String service : concat("broker", modules)) {
            int budget = IDLE_BUDGET_MIB.getOrDefault(service, MODULE_BUDGET_MIB);
            assertThat(mib.get(service))
                    .as("idle memory of %s in MiB (budget %d MiB)", service, budget)
                    .isLessThanOrEqualTo((double) budget);
        }
    }

    /** "123.4MiB", "1.2GiB", "900KiB" (docker stats) in MiB. */
    static double mebibytes(String size) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("([0-9.]+)\\s*([KMG]i?B|B)").matcher(size);
        if (!m.matches()) {
            throw new AssertionError("unexpected docker stats size: " + size);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "B" -> v / (1024 * 1024);
            case "KiB", "KB" -> v / 1024;
            case "GiB", "GB" -> v * 1024;
            default -> v;
        };
    }

    @Test
    @Order(11)
    void operatorSayWithMosquittoPubEndsInAWavFileOfTheAudioModuleAndASayFinished() throws Exception {
        String id = "stacktest-say-" + UUID.randomUUID();
        try (TestMqttClient watcher =
                TestMqttClient.connect("tcp://127.0.0.1:" + mqttPort, "operator", operatorPassword)) {
            watcher.subscribe("hermes/tts/sayFinished", "hermes/error/tts");
            Docker.run(
                            Duration.ofSeconds(30),
                            List.of(
                                    "mosquitto_pub",
                                    "-V",
                                    "mqttv5",
                                    "-h",
                                    "127.0.0.1",
                                    "-p",
                                    Integer.toString(mqttPort),
                                    "-u",
                                    "operator",
                                    "-P",
                                    operatorPassword,
                                    "-i",
                                    "operator-pub-" + id,
                                    "-q",
                                    "1",
                                    "-t",
                                    "hermes/tts/say",
                                    "-m",
                                    "{\"text\": \"Hello from Chorus.\", \"siteId\": \"stackwav\", \"id\": \"" + id
                                            + "\"}"))
                    .check();
            TestMqttClient.Received finished =
                    watcher.await("hermes/tts/sayFinished", r -> r.text().contains(id));
            assertThat(finished.text()).contains("\"siteId\": \"stackwav\"");
            assertThat(watcher.received("hermes/error/tts")).isEmpty();
        }
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(stack.compose("exec", "-T", "audio", "ls", "/data/played")
                                .check()
                                .out())
                        .containsPattern("_stackwav_" + id + "\\.wav"));
    }

    @Test
    @Order(12)
    void cliSayPrintsTheIdOfTheSayThatTheAudioModulePlayed() {
        Docker.Result say = stack.compose(
                        WAIT,
                        "--profile",
                        "cli",
                        "run",
                        "--rm",
                        "--no-TTY",
                        "cli",
                        "say",
                        "--site",
                        "clisay",
                        "Hello from Chorus")
                .check();
        System.out.println("[stack] cli say printed: " + say.out().strip());
        // stdout is the id of the say, printed once its sayFinished arrived (modules/cli/README.md)
        assertThat(say.out().strip())
                .as("what `cli say` printed")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String id = say.out().strip();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(stack.compose("exec", "-T", "audio", "ls", "/data/played")
                                .check()
                                .out())
                        .as("the audio module played the say whose id the cli printed")
                        .containsPattern("_clisay_" + id + "\\.wav"));
        Docker.Result wait = stack.compose(
                        WAIT, "--profile", "cli", "run", "--rm", "--no-TTY", "cli", "wait", "--timeout", "60")
                .check();
        System.out.println("[stack] cli wait printed: " + wait.out().strip());
        for (String module : modules) {
            assertThat(wait.out() + wait.err())
                    .as("`cli wait` names every module it waited for")
                    .contains(module);
        }
    }

    @Test
    @Order(13)
    void metricsOfAModuleAndOfTheBrokerAreScrapedInsideTheStackAndNotPublished() {
        // after the says above: the tts module counted them, by topic family
        Scrape tts = scrape("tts", 8080);
        assertThat(tts.value("chorus_mqtt_messages_in_total", "family", "hermes/tts/say")
                        .orElse(-1))
                .isGreaterThanOrEqualTo(1);
        assertThat(tts.value("chorus_mqtt_messages_out_total", "family", "hermes/tts/sayFinished")
                        .orElse(-1))
                .isGreaterThanOrEqualTo(1);
        assertThat(tts.value("chorus_mqtt_handler_seconds_count", "listener", "SayListener")
                        .orElse(-1))
                .isGreaterThanOrEqualTo(1);
        assertThat(tts.value("chorus_mqtt_connected")).hasValue(1);
        assertThat(tts.value("chorus_tts_says")).isPresent();
        assertThat(tts.hasFamily("jvm_memory_used_bytes")).isTrue();
        assertThat(tts.hasFamily("jvm_gc_")).isTrue();

        Scrape broker = scrape("broker", 9399);
        assertThat(broker.value("com_hivemq_networking_connections_current").orElse(-1))
                .isGreaterThanOrEqualTo(modules.size());
        assertThat(broker.value("com_hivemq_messages_incoming_publish_count").orElse(-1))
                .isPositive();
        assertThat(broker.hasFamily("jvm_memory_used_bytes")).isTrue();

        // exposed inside the stack only: Compose publishes neither port (null: exposed, not bound on the host)
        for (Map.Entry<String, String> exposed :
                Map.of("broker", "9399/tcp", "tts", "8080/tcp").entrySet()) {
            JsonNode ports =
                    stack.inspect(exposed.getKey()).get("NetworkSettings").get("Ports");
            JsonNode bound = ports.path(exposed.getValue());
            assertThat(bound.isNull() || bound.isMissingNode() || bound.isEmpty())
                    .as("%s publishes %s: %s", exposed.getKey(), exposed.getValue(), ports)
                    .isTrue();
        }
    }

    /**
     * GET /prometheus inside a container, with bash's /dev/tcp (the images have no curl), as docs/configuration.md
     * ("Metrics") shows it.
     */
    private static Scrape scrape(String service, int port) {
        String response = stack.compose(
                        "exec",
                        "-T",
                        service,
                        "bash",
                        "-c",
                        "exec 3<>/dev/tcp/127.0.0.1/" + port
                                + "; printf 'GET /prometheus HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3")
                .check()
                .out();
        int end = response.indexOf("\r\n\r\n");
        assertThat(end)
                .as(service + " answered: " + response.lines().findFirst().orElse(""))
                .isPositive();
        assertThat(response).as(service + " status line").startsWith("HTTP/1.").contains(" 200 ");
        String headers = response.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        assertThat(headers).as(service + " headers").doesNotContain("transfer-encoding: chunked");
        return Scrape.of(response.substring(end + 4));
    }

    /** Every retained chorus/status/+ message, as the operator's mosquitto_sub prints it. */
    private static Map<String, String> statuses() {
        Docker.Result sub = Docker.run(
                Duration.ofSeconds(30),
                List.of(
                        "mosquitto_sub",
                        "-V",
                        "mqttv5",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(mqttPort),
                        "-i",
                        "operator-stacktest-" + UUID.randomUUID(),
                        "-u",
                        "operator",
                        "-P",
                        operatorPassword,
                        "-t",
                        "chorus/status/+",
                        "-v",
                        "-W",
                        "2"));
        Map<String, String> states = new HashMap<>();
        for (String line : sub.out().split("\n")) {
            if (line.startsWith("chorus/status/")) {
                int space = line.indexOf(' ');
                states.put(line.substring("chorus/status/".length(), space), line.substring(space + 1));
            }
        }
        return states;
    }

    private static String startedAt(String service) {
        return stack.inspect(service).get("State").get("StartedAt").asText();
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
