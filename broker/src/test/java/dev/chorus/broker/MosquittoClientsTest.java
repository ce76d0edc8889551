package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real third-party client, Debian's mosquitto_pub/mosquitto_sub, logs in as operator with the
 * commands the README prints: no {@code -i}, so the broker assigns the client id.
 */
class MosquittoClientsTest {

    @TempDir
    static Path dir;

    static TestBroker broker;

    @BeforeAll
    static void start() {
        final boolean installed = Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"));
        if (System.getenv("CI") != null) {
            assertThat(installed)
                    .as("mosquitto-clients must be installed in CI (.ci/run installs it)")
                    .isTrue();
        }
        Assumptions.assumeTrue(installed, "mosquitto-clients not installed");
        broker = new TestBroker(dir, List.of()).start();
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void operatorPublishesToAModuleAndReceivesFromIt() throws Exception {
        final Received atTts = new Received();
        final MqttAsyncClient tts = broker.connect("tts", "tts", true, atTts);
        tts.subscribe("hermes/tts/say", 1).waitForCompletion(5_000);

        final Process sub = mosquitto("mosquitto_sub", "-t", "hermes/tts/sayFinished", "-C", "1", "-W", "30");
        // mosquitto_sub has no "subscribed" signal: publish until the subscription is in place.
        final String finished = "{\"siteId\": \"default\", \"id\": \"abc\", \"sessionId\": null}";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            final MqttMessage m = new MqttMessage(finished.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            tts.publish("hermes/tts/sayFinished", m).waitForCompletion(5_000);
            return sub.waitFor(500, TimeUnit.MILLISECONDS);
        });
        assertThat(sub.exitValue()).isZero();
        assertThat(new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip())
                .isEqualTo(finished);

        final String say = "{\"text\": \"Hello from mosquitto\", \"siteId\": \"default\", \"id\": \"abc\"}";
        final Process pub = mosquitto("mosquitto_pub", "-t", "hermes/tts/say", "-q", "1", "-m", say);
        assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue())
                .as(new String(pub.getErrorStream().readAllBytes()))
                .isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> !atTts.messages.isEmpty());
        assertThat(atTts.messages.get(0).text()).isEqualTo(say);
        tts.disconnect().waitForCompletion(5_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv5", "mqttv311"})
    void readmeStatusCommandPrintsModuleStatus(final String version) throws Exception {
        final MqttAsyncClient tts = broker.connect("tts", "tts", true);
        final String online = "{\"module\": \"tts\", \"state\": \"online\"}";
        final MqttMessage status = new MqttMessage(online.getBytes(StandardCharsets.UTF_8));
        status.setQos(1);
        status.setRetained(true);
        tts.publish("chorus/status/tts", status).waitForCompletion(5_000);
        tts.disconnect().waitForCompletion(5_000);

        // Exactly as printed (plus -p): runs until stopped, so read one line and stop it.
        final Process sub = new ProcessBuilder(
                        "mosquitto_sub",
                        "-V",
                        version,
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.broker.mqttPort()),
                        "-u",
                        "operator",
                        "-P",
                        broker.passwords.get("operator"),
                        "-t",
                        "chorus/status/+",
                        "-v")
                .start();
        try {
            final BufferedReader out =
                    new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8));
            final String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .get(30, TimeUnit.SECONDS);
            if (line == null) { // it exited: say why
                sub.waitFor(10, TimeUnit.SECONDS);
                assertThat(new String(sub.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .as("mosquitto_sub error")
                        .isEmpty();
            }
            assertThat(line).isEqualTo("chorus/status/tts " + online);
        } finally {
            sub.destroy();
            sub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void wrongPasswordFailsTheCommand() throws Exception {
        final Process pub = new ProcessBuilder(
                        "mosquitto_pub",
                        "-V",
                        "mqttv5",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(broker.broker.mqttPort()),
                        "-u",
                        "operator",
                        "-P",
                        "wrong",
                        "-t",
                        "hermes/tts/say",
                        "-m",
                        "{}")
                .start();
        assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue()).isNotZero();
    }

    private static Process mosquitto(final String command, final String... args) throws IOException {
        final List<String> line = new ArrayList<>(List.of(
                command,
                "-V",
                "mqttv5",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(broker.broker.mqttPort()),
                "-u",
                "operator",
                "-P",
                broker.passwords.get("operator")));
        line.addAll(List.of(args));
        return new ProcessBuilder(line).start();
    }
}
