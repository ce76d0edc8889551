package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.testkit.Prerequisite;
import dev.chorus.testkit.TestMqttClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * docker-stack.yml on a Swarm of this one machine, driven by the {@code ```sh} blocks of docs/deploy.md's
 * "Docker Swarm" section, run as printed (one bash per block, in the repository folder): init a Swarm, push
 * the images to a registry on 127.0.0.1 (Debian's docker-registry, .ci/registry.sh), create the secrets,
 * deploy, say something and find the WAV, roll out a new tts image under QoS 1 traffic and count what got
 * lost, remove the stack and leave the Swarm. The environment only names the registry, the stack and free
 * ports.
 *
 * <p>Changes the engine (a Swarm), so it runs only with {@code -Dchorus.swarm=true}, which CI sets ({@code CI=true}
 * activates the {@code ci} profile of system-tests/pom.xml), and only on an engine that is not in a Swarm already; it
 * always leaves the Swarm it made. A Swarm of several machines is a benchmark, bench/swarm-nodes.sh.
 */
@Order(8)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 40, unit = TimeUnit.MINUTES)
class SwarmIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC = Docker.repoRoot().resolve("docs/deploy.md");
    private static final String STACK = "chorusit";
    private static final Duration BLOCK = Duration.ofMinutes(20);
    /** The label SwarmIT gives the node of the Swarm it makes, so a later run knows a left-over Swarm as its own. */
    private static final String LABEL = "dev.chorus.swarmit";

    private static Map<String, List<List<String>>> blocks;
    private static final Map<String, String> ENV = new LinkedHashMap<>();
    private static Path registryDir;
    private static boolean swarmOwned;
    private static boolean gwbridgeBefore;
    private static boolean removed;
    private static int mqttPort;
    private static String operatorPassword;

    @BeforeAll
    static void swarmAndRegistry() throws IOException {
        Assumptions.assumeTrue(
                Boolean.getBoolean("chorus.swarm"),
                "SwarmIT changes the Docker engine (a Swarm): it runs with -Dchorus.swarm=true");
        Docker.requireImages();
        Prerequisite.tool("docker-registry", "apt-get install docker-registry (.ci/registry.sh does)");
        String state = Docker.docker("info", "--format", "{{.Swarm.LocalNodeState}}")
                .check()
                .out()
                .strip();
        if (state.equals("active") && madeBySwarmIt()) {
            // a SwarmIT whose JVM was killed before it could leave: the Swarm is its own (node label), so leave it
            log("this engine is still in the Swarm of an earlier SwarmIT (label " + LABEL + "): leaving it");
            Docker.docker(Duration.ofMinutes(2), "swarm", "leave", "--force").check();
            state = "inactive";
        }
        Prerequisite.require(
                state.equals("inactive"),
                "an engine that is in no Swarm (it is " + state + "; SwarmIT would have to leave it afterwards)");
        blocks = swarmSection(Files.readString(DOC));
        // `swarm init` makes this bridge and `swarm leave` keeps it: removed afterwards if it is new
        gwbridgeBefore = Docker.docker("network", "inspect", "docker_gwbridge").exit() == 0;

        registryDir = Files.createTempDirectory("chorus-swarmit-registry");
        int registryPort = Docker.freePort();
        Docker.run(
                        Duration.ofMinutes(3),
                        List.of(
                                Docker.repoRoot().resolve(".ci/registry.sh").toString(),
                                "start",
                                Integer.toString(registryPort),
                                registryDir.toString()),
                        Map.of(),
                        Docker.repoRoot())
                .check();
        mqttPort = Docker.freePort();
        ENV.put("CHORUS_REGISTRY", "127.0.0.1:" + registryPort + "/chorus");
        ENV.put("CHORUS_VERSION", Docker.dotEnv().get("CHORUS_VERSION"));
        ENV.put("CHORUS_STACK", STACK);
        ENV.put("CHORUS_MQTT_PORT", Integer.toString(mqttPort));
        ENV.put("CHORUS_MQTT_TLS_PORT", Integer.toString(Docker.freePort()));
        ENV.put("CHORUS_HTTP_PORT", Integer.toString(Docker.freePort()));
        log("environment of the docs' commands: " + ENV);

        runBlock("A Swarm of one machine");
        swarmOwned = true;
        String node = Docker.docker("info", "--format", "{{.Swarm.NodeID}}")
                .check()
                .out()
                .strip();
        Docker.docker("node", "update", "--label-add", LABEL + "=true", node).check();
    }

    @Test
    @Order(1)
    void deployBlockBringsEveryServiceUpHealthyFromTheRegistry() throws Exception {
        runBlock("Deploy");
        List<String> services = new ArrayList<>(List.of("broker"));
        services.addAll(Docker.modules());
        for (String line : Docker.docker("stack", "services", STACK, "--format", "{{.Name}} {{.Replicas}} {{.Image}}")
                .check()
                .out()
                .split("\n")) {
            log(line);
        }
        for (String service : services) {
            JsonNode spec = serviceSpec(service);
            assertThat(spec.at("/TaskTemplate/ContainerSpec/Image").asText())
                    .as(service + " image")
                    .startsWith(
                            ENV.get("CHORUS_REGISTRY") + "/" + service + ":" + ENV.get("CHORUS_VERSION") + "@sha256:");
            String container = container(service);
            assertThat(Docker.docker("inspect", "--format", "{{.State.Health.Status}}", container)
                            .check()
                            .out()
                            .strip())
                    .as(service + " health")
                    .isEqualTo("healthy");
        }
    }

    @Test
    @Order(2)
    void everyServiceIsDnsrrRollingStopFirstWithRollbackLimitsAndNoPasswordInItsSpec() throws Exception {
        String operator = operatorPassword();
        List<String> services = new ArrayList<>(List.of("broker"));
        services.addAll(Docker.modules());
        for (String service : services) {
            JsonNode spec = serviceSpec(service);
            assertThat(spec.at("/EndpointSpec/Mode").asText()).as(service).isEqualTo("dnsrr");
            assertThat(spec.at("/UpdateConfig/Order").asText()).as(service).isEqualTo("stop-first");
            assertThat(spec.at("/UpdateConfig/FailureAction").asText())
                    .as(service)
                    .isEqualTo("rollback");
            assertThat(spec.at("/TaskTemplate/RestartPolicy/Condition").asText())
                    .as(service)
                    .isEqualTo("any");
            assertThat(spec.at("/TaskTemplate/Resources/Limits/MemoryBytes").asLong())
                    .as(service + " memory limit")
                    .isPositive();
            assertThat(spec.at("/TaskTemplate/ContainerSpec/User").asText()).isEqualTo("10001:10001");
            assertThat(spec.at("/TaskTemplate/ContainerSpec/ReadOnly").asBoolean())
                    .as(service + " read-only")
                    .isTrue();
            for (JsonNode port : spec.at("/EndpointSpec/Ports")) {
                assertThat(port.get("PublishMode").asText())
                        .as(service + " port")
                        .isEqualTo("host");
            }
            String inspect = Docker.docker("service", "inspect", STACK + "_" + service)
                    .check()
                    .out();
            assertThat(inspect).as("docker service inspect " + service).doesNotContain(operator);
        }
        assertThat(serviceSpec("broker")
                        .at("/TaskTemplate/Placement/Constraints")
                        .toString())
                .contains("node.labels.chorus.broker == true");
        String own = Docker.docker("exec", container("tts"), "cat", "/run/secrets/mqtt-password")
                .check()
                .out()
                .strip();
        String brokers = Docker.docker("exec", container("broker"), "cat", "/run/secrets/mqtt-credentials/tts")
                .check()
                .out()
                .strip();
        assertThat(own)
                .as("tts's own password is the broker's")
                .isEqualTo(brokers)
                .hasSize(43);
        assertThat(Docker.docker("exec", container("tts"), "ls", "-A", "/run/secrets")
                        .check()
                        .out()
                        .strip())
                .as("a module sees only its own password")
                .isEqualTo("mqtt-password");
    }

    @Test
    @Order(3)
    void useBlockSaysSomethingOverTlsAndTheAudioModuleWritesTheWav() {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(runBlock("Use").out())
                        .as("the audio module's /data/played after the docs' say")
                        .containsPattern("_swarm_swarm-hello\\.wav"));
    }

    /**
     * A new tts image (the same with one more label) is pushed under the same tag and rolled out by the docs'
     * command while the operator sends a say every half second with QoS 1; every say gets its sayFinished.
     */
    @Test
    @Order(4)
    void rollingUpdateOfTtsUnderQos1TrafficLosesNoMessage() throws Exception {
        String ref = ENV.get("CHORUS_REGISTRY") + "/tts:" + ENV.get("CHORUS_VERSION");
        String before =
                serviceSpec("tts").at("/TaskTemplate/ContainerSpec/Image").asText();
        Docker.run(
                        Duration.ofMinutes(3),
                        List.of(
                                "bash",
                                "-c",
                                "printf 'FROM %s\\n' \"$0\" | docker build --quiet --label dev.chorus.swarmit=\"$1\" -t \"$0\" - "
                                        + "&& docker push --quiet \"$0\"",
                                ref,
                                UUID.randomUUID().toString()),
                        Map.of("DOCKER_BUILDKIT", "0"),
                        Docker.repoRoot())
                .check();

        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger failedPublishes = new AtomicInteger();
        ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
        try (TestMqttClient client =
                TestMqttClient.connect("tcp://127.0.0.1:" + mqttPort, "operator", operatorPassword())) {
            client.subscribe("hermes/tts/sayFinished", "hermes/error/tts");
            AtomicInteger n = new AtomicInteger();
            traffic.scheduleAtFixedRate(
                    () -> {
                        String id = "swarmit-" + n.incrementAndGet();
                        try {
                            client.publish(
                                    "hermes/tts/say",
                                    ("{\"text\": \"Tick.\", \"siteId\": \"swarmroll\", \"id\": \"" + id + "\"}")
                                            .getBytes(StandardCharsets.UTF_8),
                                    1,
                                    false);
                            sent.add(id);
                        } catch (RuntimeException e) {
                            // not acknowledged by the broker: not sent, so it cannot be lost
                            failedPublishes.incrementAndGet();
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);
            await().atMost(Duration.ofMinutes(2))
                    .until(() -> answeredIds(client, "hermes/tts/sayFinished").size() >= 2);

            long start = System.nanoTime();
            runBlock("Update a module");
            long updateMillis = (System.nanoTime() - start) / 1_000_000;
            int sentByEnd = sent.size();
            await().atMost(Duration.ofMinutes(2)).until(() -> sent.size() >= sentByEnd + 4);
            traffic.shutdown();
            assertThat(traffic.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> answered(client).containsAll(sent));
            Set<String> lost = new TreeSet<>(sent);
            lost.removeAll(answered(client));
            Set<String> failed = new TreeSet<>(sent);
            failed.retainAll(answeredIds(client, "hermes/error/tts"));
            log(String.format(
                    "rolling update of tts: %d ms (docker service update --detach=false); %d says sent"
                            + " with QoS 1, one a second, during and around it: %d lost (no answer), %d answered"
                            + " with an error %s, %d publishes not acknowledged",
                    updateMillis, sent.size(), lost.size(), failed.size(), failed, failedPublishes.get()));
            assertThat(lost)
                    .as("says that got neither a sayFinished nor an error")
                    .isEmpty();
        } finally {
            traffic.shutdownNow();
        }
        JsonNode spec = serviceSpec("tts");
        assertThat(spec.at("/TaskTemplate/ContainerSpec/Image").asText())
                .as("tts runs the new image")
                .isNotEqualTo(before);
        assertThat(Docker.docker("service", "inspect", "--format", "{{.UpdateStatus.State}}", STACK + "_tts")
                        .check()
                        .out()
                        .strip())
                .isEqualTo("completed");
    }

    @Test
    @Order(5)
    void removeBlockRemovesTheStackAndLeavesTheSwarm() {
        removed = true;
        runBlock("Remove");
        swarmOwned = false;
        assertThat(Docker.docker("info", "--format", "{{.Swarm.LocalNodeState}}")
                        .check()
                        .out()
                        .strip())
                .isEqualTo("inactive");
    }

    @AfterAll
    static void cleanUp() {
        if (swarmOwned && !removed) {
            Docker.docker(Duration.ofMinutes(3), "stack", "rm", "--detach=false", STACK);
        }
        if (swarmOwned) {
            Docker.docker(Duration.ofMinutes(2), "swarm", "leave", "--force");
        }
        if (blocks == null) {
            return;
        }
        // the stack's volumes (stack rm keeps them), once their containers are gone
        await().atMost(Duration.ofMinutes(2))
                .until(() -> Docker.docker("ps", "-aq", "--filter", "label=com.docker.stack.namespace=" + STACK)
                        .out()
                        .isBlank());
        for (String volume : Docker.docker(
                        "volume", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + STACK)
                .out()
                .split("\n")) {
            if (!volume.isBlank()) {
                Docker.docker("volume", "rm", volume.strip());
            }
        }
        if (!gwbridgeBefore) {
            Docker.docker("network", "rm", "docker_gwbridge");
        }
        // the certificate the docs' scripts/swarm-secrets.sh wrote for the clients (public, git-ignored)
        Docker.run(Duration.ofSeconds(30), List.of("rm", "-f", "secrets/chorus-tls.crt"), Map.of(), Docker.repoRoot());
        if (registryDir != null) {
            Docker.run(
                    Duration.ofMinutes(1),
                    List.of(Docker.repoRoot().resolve(".ci/registry.sh").toString(), "stop", registryDir.toString()),
                    Map.of(),
                    Docker.repoRoot());
            // the registry's tags of the local images (the images stay under their own tags)
            for (String tag : Docker.docker(
                            "image", "ls", "--format", "{{.Repository}}:{{.Tag}}", ENV.get("CHORUS_REGISTRY") + "/*")
                    .out()
                    .split("\n")) {
                if (!tag.isBlank()) {
                    Docker.docker("image", "rm", tag.strip());
                }
            }
            Docker.run(Duration.ofMinutes(1), List.of("rm", "-rf", registryDir.toString()));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** Whether this engine's node carries {@link #LABEL}: the Swarm is one an earlier SwarmIT made. */
    private static boolean madeBySwarmIt() {
        Docker.Result r =
                Docker.docker("node", "inspect", "self", "--format", "{{index .Spec.Labels \"" + LABEL + "\"}}");
        return r.exit() == 0 && r.out().strip().equals("true");
    }

    /** The {@code ```sh} blocks of the "Docker Swarm" section, by their {@code ###} heading. */
    static Map<String, List<List<String>>> swarmSection(String markdown) {
        int start = markdown.indexOf("\n## Docker Swarm\n");
        assertThat(start).as("docs/deploy.md has a \"## Docker Swarm\" section").isNotNegative();
        int end = markdown.indexOf("\n## ", start + 1);
        return DocCommands.shBlockList(markdown.substring(start, end < 0 ? markdown.length() : end));
    }

    /** Runs the one block under {@code heading} with bash (-e: the first failing line fails it), timing each line. */
    private static Docker.Result runBlock(String heading) {
        List<List<String>> found = blocks.get(heading);
        assertThat(found)
                .as("one ```sh block under \"### %s\" in docs/deploy.md", heading)
                .hasSize(1);
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        List<String> lines = found.get(0);
        for (int i = 0; i < lines.size(); i++) {
            script.append("t=$(date +%s%N)\n")
                    .append(lines.get(i))
                    .append("\necho \"[swarm-line] ")
                    .append(i)
                    .append(" $(( ($(date +%s%N) - t) / 1000000 ))\" >&2\n");
        }
        Map<String, String> env = new HashMap<>(ENV);
        long start = System.nanoTime();
        Docker.Result r = Docker.run(BLOCK, List.of("bash", "-c", script.toString()), env, Docker.repoRoot());
        log(String.format(
                "block \"%s\": exit %d after %d ms", heading, r.exit(), (System.nanoTime() - start) / 1_000_000));
        for (String line : r.err().split("\n")) {
            if (line.startsWith("[swarm-line] ")) {
                String[] parts = line.split(" ");
                log(String.format("  %6s ms  %s", parts[2], lines.get(Integer.parseInt(parts[1]))));
            } else if (!line.isBlank() && !line.contains("progress") && !line.contains("Waiting")) {
                log("    " + line);
            }
        }
        return r.check();
    }

    private static String operatorPassword() {
        if (operatorPassword == null) {
            String line = blocks.get("Use").get(0).get(0);
            assertThat(line).startsWith("OPERATOR_PASSWORD=");
            operatorPassword = Docker.run(
                            Duration.ofMinutes(1),
                            List.of("bash", "-c", line + "\nprintf '%s' \"$OPERATOR_PASSWORD\""),
                            ENV,
                            Docker.repoRoot())
                    .check()
                    .out()
                    .strip();
            assertThat(operatorPassword).hasSize(43);
        }
        return operatorPassword;
    }

    private static JsonNode serviceSpec(String service) throws IOException {
        return JSON.readTree(Docker.docker("service", "inspect", STACK + "_" + service)
                        .check()
                        .out())
                .get(0)
                .get("Spec");
    }

    /**
     * Prints a line with the {@code [swarm]} prefix, printable ASCII only: docker's progress output carries
     * carriage returns and terminal escapes, which broke Failsafe's channel from the test JVM (no result reached
     * Maven). The same line goes to target/swarmit.log.
     */
    private static void log(String line) {
        String clean = "[swarm] " + line.replaceAll("[^\\x20-\\x7e]", "?");
        System.out.println(clean);
        try {
            Files.writeString(
                    Path.of("target", "swarmit.log"),
                    clean + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The id of the one running container of a service on this node. */
    private static String container(String service) {
        String ids = Docker.docker(
                        "ps", "-q", "--filter", "label=com.docker.swarm.service.name=" + STACK + "_" + service)
                .check()
                .out()
                .strip();
        assertThat(ids).as("one running container of " + service).isNotEmpty().doesNotContain("\n");
        return ids;
    }

    /**
     * The ids of the says answered at all: a sayFinished, or an error on hermes/error/tts (the tts module
     * answers the says it had taken but not spoken when it stops with "shutting-down": delivered, not lost).
     */
    private static Set<String> answered(TestMqttClient client) throws IOException {
        Set<String> ids = answeredIds(client, "hermes/tts/sayFinished");
        ids.addAll(answeredIds(client, "hermes/error/tts"));
        return ids;
    }

    private static Set<String> answeredIds(TestMqttClient client, String topic) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (TestMqttClient.Received r : client.received(topic)) {
            JsonNode id = JSON.readTree(r.payload()).get("id");
            if (id != null) {
                ids.add(id.asText());
            }
        }
        return ids;
    }
}
