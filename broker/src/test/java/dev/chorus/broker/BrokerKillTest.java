package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker SIGKILLed while a Paho MQTT 5 client has a QoS 1 publish in flight (issue 12, CrashIT's broker
 * case). Paho 1.2.5 sends a topic's second and later publishes with only a topic alias (its topic name
 * removed from the stored message) whenever the CONNACK allows aliases, and after a reconnect it resends
 * an unacknowledged publish as stored: alias only, on a connection where that alias means nothing. The
 * broker answers with a protocol error and closes, Paho reconnects and resends, forever ("not connected
 * (32104)"). The broker therefore allows no topic aliases ({@link HiveMqConfigFile}); this test keeps it so.
 *
 * <p>The broker runs as its own process so that it can really be killed: it is first stopped (SIGSTOP),
 * so that the publish is certainly in flight when the kill (SIGKILL) comes.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrokerKillTest {

    private static final String TOPIC = "hermes/crashtest/alias";

    @TempDir
    Path dir;

    @Test
    void aPublishInFlightAtABrokerKillIsDeliveredAfterTheRestart() throws Exception {
        final TestBroker config = new TestBroker(dir, List.of());
        final int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        BrokerProcess broker = new BrokerProcess(config, port, List.of());
        final Received received = new Received();
        final MqttAsyncClient client =
                new MqttAsyncClient("tcp://127.0.0.1:" + port, "operator-kill", new MemoryPersistence());
        try {
            assertThat(broker.process.isAlive())
                    .as(Files.readString(broker.log))
                    .isTrue();
            client.setCallback(received);
            final MqttConnectionOptions options =
                    TestBroker.options("operator", config.passwords.get("operator"), false);
            options.setAutomaticReconnect(true);
            options.setAutomaticReconnectDelay(1, 2);
            client.connect(options).waitForCompletion(10_000);
            client.subscribe(TOPIC, 1).waitForCompletion(10_000);
            // With aliases allowed, the first publish would name the topic and the second carry only its alias.
            client.publish(TOPIC, message("0")).waitForCompletion(10_000);
            client.publish(TOPIC, message("1")).waitForCompletion(10_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.messages.size() >= 2);

            signal(broker, "STOP");
            final IMqttToken inFlight = client.publish(TOPIC, message("2"));
            broker.process.destroyForcibly();
            assertThat(broker.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(inFlight.isComplete())
                    .as("no PUBACK from a stopped broker")
                    .isFalse();

            broker = new BrokerProcess(config, port, List.of());
            assertThat(broker.process.isAlive())
                    .as(Files.readString(broker.log))
                    .isTrue();
            // Paho fails the in-flight publish's token at the connection loss but keeps the message and
            // resends it after the reconnect: the subscription (the same client's session) shows it arrived.
            try {
                await("publish after the restart acknowledged")
                        .atMost(Duration.ofSeconds(90))
                        .ignoreExceptions()
                        .until(() -> {
                            client.publish(TOPIC, message("3")).waitForCompletion(10_000);
                            return true;
                        });
                await("in-flight and new publish delivered")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> received.messages.stream()
                                .map(Received.Message::text)
                                .toList()
                                .containsAll(List.of("2", "3")));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + "; the broker's last DISCONNECT: " + received.disconnect, e);
            }
            assertThat(client.isConnected()).isTrue();
            client.disconnect().waitForCompletion(10_000);
        } finally {
            try {
                client.disconnectForcibly(0, 1_000, false);
                client.close(true);
            } catch (MqttException e) {
                // still reconnecting when the test failed: nothing left to close
            }
            broker.close();
        }
    }

    /** Java's Process API sends only TERM and KILL; SIGSTOP freezes the broker with its sockets open. */
    private static void signal(final BrokerProcess broker, final String signal)
            throws IOException, InterruptedException {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(broker.process.pid()))
                .inheritIO()
                .start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
    }

    private static MqttMessage message(final String text) {
        final MqttMessage m = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }
}
