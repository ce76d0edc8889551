package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.client.CaTrust;
import dev.chorus.testkit.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/deploy.md "Satellites", as printed: a base (broker with its TLS listener, tts, the base's own audio
 * and wake) and two satellites, kitchen and hall, each its own Compose project of
 * docker-compose.satellite.yml on this machine, reaching the base's published TLS port through the Docker
 * host ({@code BASE=host.docker.internal}). The doc's blocks run verbatim with bash in the repository
 * folder; the hall satellite runs the same lines with {@code hall} for {@code kitchen}. The environment only
 * gives each project its name, ports and satellite folder.
 *
 * <p>Runs with {@code -Dchorus.satellites=true}, which CI sets ({@code CI=true} activates the {@code ci} profile of
 * system-tests/pom.xml): three stacks and a keep-alive wait after the network cut are minutes a developer's
 * {@code ./mvnw verify} can do without; the broker's satellite ACL and TLS are also tested without Docker
 * (BrokerSatellitesTest, SatelliteTlsTest).
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "chorus.satellites", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 25, unit = TimeUnit.MINUTES)
class SatellitesIT {

    private static final int NOT_AUTHORIZED = 0x87;
    private static final Path DEPLOY = Docker.repoRoot().resolve("docs/deploy.md");
    private static final String BASE_PROJECT = "chorus-satellites-base";

    @TempDir
    static Path tmp;

    static Map<String, String> baseEnv;
    static int mqttPort;
    static int tlsPort;
    static ComposeProject base;
    static ComposeProject kitchen;
    static ComposeProject hall;
    static TestMqttClient operator;

    @BeforeAll
    static void baseAndTwoSatellites() throws Exception {
        Docker.require(
                Docker.tag("broker"), Docker.tag("tts"), Docker.tag("audio"), Docker.tag("mic"), Docker.tag("wake"));
        mqttPort = Docker.freePort();
        tlsPort = Docker.freePort();
        baseEnv = new HashMap<>(Docker.dotEnv());
        baseEnv.put("COMPOSE_PROJECT_NAME", BASE_PROJECT);
        baseEnv.put("CHORUS_MQTT_PORT", Integer.toString(mqttPort));
        baseEnv.put("CHORUS_HTTP_PORT", Integer.toString(Docker.freePort()));
        baseEnv.put("CHORUS_MQTT_TLS_PORT", Integer.toString(tlsPort));
        baseEnv.put("CHORUS_SITE_ID", "default");
        baseEnv.put("BASE", "host.docker.internal");
        base = new ComposeProject(BASE_PROJECT, Docker.repoRoot(), "docker-compose.yml", "docker-compose.tls.yml");
        base.env.putAll(baseEnv);

        Map<String, List<List<String>>> blocks = DocCommands.shBlockList(Files.readString(DEPLOY));
        List<String> onBase = blocks.get("On the base").get(0);
        List<String> onSatellite = blocks.get("On the satellite").get(0);

        bash(String.join("\n", onBase), baseEnv, Duration.ofMinutes(8));
        bash(String.join("\n", forHall(onBase)), baseEnv, Duration.ofMinutes(3));
        assertThat(Files.readString(Docker.repoRoot().resolve("satellite-kitchen.sh")))
                .contains("CHORUS_MQTT_URI=ssl://host.docker.internal:" + tlsPort)
                .contains("BEGIN CERTIFICATE");
        // what the say test needs on the base besides the doc's services. With the names the blocks exported, as the
        // doc says to keep them (in .env): an `up` without them recreates mqtt-init, which makes a new server
        // certificate for the defaults, and the satellites no longer trust the broker's name.
        base.env.put("CHORUS_TLS_NAMES", baseEnv.get("BASE"));
        base.compose(Duration.ofMinutes(5), "up", "-d", "--wait", "tts").check();

        kitchen = satellite("kitchen", onSatellite);
        hall = satellite("hall", forHall(onSatellite));

        String password = base.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/operator")
                .check()
                .out()
                .strip();
        operator = TestMqttClient.connect("tcp://127.0.0.1:" + mqttPort, "operator", password)
                .subscribe("chorus/status/+", "hermes/tts/sayFinished", "hermes/audioServer/+/playFinished");
        for (String module : List.of("audio", "mic", "wake")) {
            for (String site : List.of("kitchen", "hall")) {
                awaitStatus("satellite-" + site + "-" + module, "online", Duration.ofMinutes(5));
            }
        }
    }

    private static List<String> forHall(List<String> lines) {
        return lines.stream().map(l -> l.replace("kitchen", "hall")).toList();
    }

    private static ComposeProject satellite(String site, List<String> lines) {
        String name = "chorus-satellites-" + site;
        Path dir = tmp.resolve(site);
        Map<String, String> env = new HashMap<>(Docker.dotEnv());
        env.put("COMPOSE_PROJECT_NAME", name);
        env.put("CHORUS_SATELLITE_DIR", dir.toString());
        bash(String.join("\n", lines), env, Duration.ofMinutes(5));
        ComposeProject project = new ComposeProject(name, Docker.repoRoot(), "docker-compose.satellite.yml");
        project.env.putAll(env);
        return project;
    }

    @AfterAll
    static void down() throws Exception {
        if (operator != null) {
            operator.close();
        }
        for (ComposeProject p : new ComposeProject[] {kitchen, hall, base}) {
            if (p != null) {
                p.close();
            }
        }
        for (String site : List.of("kitchen", "hall")) {
            Files.deleteIfExists(Docker.repoRoot().resolve("satellite-" + site + ".sh"));
        }
    }

    @Test
    @Order(1)
    void aSayForOneSitePlaysOnlyThere() {
        operator.publish("hermes/tts/say", "{\"text\":\"Hello kitchen.\",\"siteId\":\"kitchen\",\"id\":\"sat-1\"}");
        await().atMost(Duration.ofMinutes(3))
                .until(() -> operator.received("hermes/tts/sayFinished").stream()
                        .anyMatch(r -> r.text().contains("\"sat-1\"")));
        assertThat(operator.received("hermes/audioServer/kitchen/playFinished")).isNotEmpty();
        assertThat(operator.received("hermes/audioServer/hall/playFinished")).isEmpty();
        assertThat(played(kitchen)).anySatisfy(f -> assertThat(f).contains("_kitchen_"));
        assertThat(played(hall)).as("the hall satellite played nothing").isEmpty();
    }

    @Test
    @Order(2)
    void theBrokerRefusesAnotherSitesTopicsAndPayloads() throws Exception {
        String password = Files.readString(tmp.resolve("kitchen/mqtt-password")).strip();
        MqttAsyncClient client =
                new MqttAsyncClient("ssl://127.0.0.1:" + tlsPort, "satellite-kitchen-probe", new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("satellite-kitchen");
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setSocketFactory(CaTrust.socketFactory(tmp.resolve("kitchen/ca.pem")));
        // 127.0.0.1 is not one of the certificate's names (BASE is): trust is what is tested here
        o.setHttpsHostnameVerificationEnabled(false);
        client.connect(o).waitForCompletion(30_000);
        try {
            assertThat(publish(client, "hermes/audioServer/hall/playFinished", "{\"id\":\"x\"}"))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(publish(
                            client,
                            "hermes/hotword/hey_jarvis/detected",
                            "{\"modelId\":\"hey_jarvis\",\"siteId\":\"hall\"}"))
                    .isEqualTo(NOT_AUTHORIZED);
            assertThat(publish(client, "hermes/tts/say", "{\"text\":\"intruder\",\"siteId\":\"hall\"}"))
                    .isEqualTo(NOT_AUTHORIZED);
            IMqttToken sub = client.subscribe("hermes/audioServer/hall/playBytes/+", 1);
            sub.waitForCompletion(10_000);
            assertThat(sub.getReasonCodes()[0]).isEqualTo(NOT_AUTHORIZED);
            assertThat(publish(
                            client,
                            "hermes/hotword/hey_jarvis/detected",
                            "{\"modelId\":\"hey_jarvis\",\"siteId\":\"kitchen\"}"))
                    .as("its own site")
                    .isIn(0, 16);
            assertThat(client.isConnected()).isTrue();
        } finally {
            client.disconnect().waitForCompletion(10_000);
            client.close();
        }
    }

    @Test
    @Order(3)
    void aSatelliteThatLosesItsConnectionGetsItsQueuedAudio() {
        String audio = kitchen.container("audio");
        String network = kitchen.name + "_uplink";
        Docker.docker("network", "disconnect", network, audio).check();
        // the broker publishes the module's will once it gives up on the silent connection (keep-alive)
        awaitStatus("satellite-kitchen-audio", "offline", Duration.ofMinutes(3));
        operator.publish("hermes/tts/say", "{\"text\":\"Welcome back.\",\"siteId\":\"kitchen\",\"id\":\"sat-2\"}");
        Docker.docker("network", "connect", network, audio).check();
        awaitStatus("satellite-kitchen-audio", "online", Duration.ofMinutes(3));
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> assertThat(played(kitchen)).hasSizeGreaterThanOrEqualTo(2));
        assertThat(played(hall)).isEmpty();
    }

    /** The latest retained/live status of a module says {@code state}. */
    private static void awaitStatus(String module, String state, Duration atMost) {
        await().atMost(atMost).until(() -> {
            List<TestMqttClient.Received> statuses = operator.received("chorus/status/" + module);
            return !statuses.isEmpty()
                    && statuses.get(statuses.size() - 1).text().contains("\"" + state + "\"");
        });
    }

    private static int publish(MqttAsyncClient client, String topic, String json) throws Exception {
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        IMqttToken token = client.publish(topic, m);
        token.waitForCompletion(10_000);
        return token.getReasonCodes()[0];
    }

    private static List<String> played(ComposeProject satellite) {
        String out = satellite
                .compose("exec", "-T", "audio", "sh", "-c", "ls /data/played 2>/dev/null || true")
                .check()
                .out();
        return out.lines().filter(l -> l.endsWith(".wav")).toList();
    }

    private static void bash(String script, Map<String, String> env, Duration timeout) {
        Docker.Result r = Docker.run(timeout, List.of("bash", "-euc", script), env, Docker.repoRoot());
        System.out.println("[satellites] " + script.replace("\n", " ; ") + " -> exit " + r.exit() + "\n" + r.err());
        r.check();
    }
}
