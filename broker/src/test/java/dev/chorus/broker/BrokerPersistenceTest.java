package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File persistence: retained messages and queued QoS 1 messages of persistent sessions survive a
 * broker restart. Memory persistence ({@code CHORUS_BROKER_PERSISTENCE=memory}): nothing on disk,
 * nothing kept across a restart.
 */
class BrokerPersistenceTest {

    private static final int QUEUED = 1000;

    @TempDir
    Path dir;

    /**
     * Paho can report its in-flight window full (32202) for a moment after the previous PUBACK
     * completed its token; a client then simply sends again.
     */
    private static void publishRetryingWhileWindowFull(
            final MqttAsyncClient client, final String topic, final MqttMessage message) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    try {
                        client.publish(topic, message).waitForCompletion(5_000);
                        return true;
                    } catch (MqttException e) {
                        if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                            return false;
                        }
                        throw e;
                    }
                });
    }

    @Test
    void retainedAndQueuedMessagesSurviveRestart() throws Exception {
        try (TestBroker broker = new TestBroker(dir, List.of()).start()) {
            // The audio module subscribes with a persistent session, then goes away.
            final MqttAsyncClient audio = broker.connect("audio", "audio", false);
            audio.subscribe("hermes/audioServer/+/playBytes/+", 1).waitForCompletion(5_000);
            audio.disconnect().waitForCompletion(5_000);
            audio.close();

            final MqttAsyncClient tts = broker.connect("tts", "tts", true);
            final MqttMessage status = new MqttMessage("{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8));
            status.setQos(1);
            status.setRetained(true);
            tts.publish("chorus/status/tts", status).waitForCompletion(5_000);
            for (int i = 0; i < QUEUED; i++) {
                final MqttMessage m = new MqttMessage(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
                m.setQos(1);
                publishRetryingWhileWindowFull(tts, "hermes/audioServer/default/playBytes/" + i, m);
            }
            tts.disconnect().waitForCompletion(5_000);
            tts.close();

            broker.restart();

            final Received retained = new Received();
            final MqttAsyncClient operator = broker.connect("operator", "operator-check", true, retained);
            operator.subscribe("chorus/status/+", 1).waitForCompletion(5_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> !retained.messages.isEmpty());
            assertThat(retained.messages.get(0).topic()).isEqualTo("chorus/status/tts");
            assertThat(retained.messages.get(0).text()).isEqualTo("{\"state\":\"online\"}");
            assertThat(retained.messages.get(0).message().isRetained()).isTrue();

            final Received queued = new Received();
            final MqttAsyncClient back = broker.connect("audio", "audio", false, queued);
            await().atMost(Duration.ofSeconds(30)).until(() -> queued.messages.size() >= QUEUED);
            final Set<Integer> ids = new TreeSet<>();
            queued.messages.forEach(m -> ids.add(Integer.parseInt(m.text())));
            assertThat(ids).hasSize(QUEUED);
            assertThat(queued.messages)
                    .as("no duplicates: nothing was in flight at the restart")
                    .hasSize(QUEUED);
            back.disconnect().waitForCompletion(5_000);
            operator.disconnect().waitForCompletion(5_000);
        }
    }

    @Test
    void fileModeWritesTheDataFolderAndKeepsSessions() throws Exception {
        try (TestBroker broker = new TestBroker(dir, List.of()).start()) {
            assertThat(dir.resolve("data/persistence")).isDirectory();
            connectAndLeave(broker, "audio", "audio");
            broker.restart();
            assertThat(reconnect(broker, "audio", "audio").getSessionPresent())
                    .as("session kept across the restart")
                    .isTrue();
        }
    }

    @Test
    void memoryModeWritesNothingAndStartsAfreshAfterRestart() throws Exception {
        final TestBroker broker = new TestBroker(dir, List.of());
        broker.settings = broker.settings.toBuilder()
                .persistence(BrokerSettings.Persistence.MEMORY)
                .build();
        try (broker) {
            broker.start();
            // Works as a broker: a retained message reaches a later subscriber.
            final MqttAsyncClient tts = broker.connect("tts", "tts", true);
            final MqttMessage status = new MqttMessage("{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8));
            status.setQos(1);
            status.setRetained(true);
            tts.publish("chorus/status/tts", status).waitForCompletion(5_000);
            final Received retained = new Received();
            final MqttAsyncClient operator = broker.connect("operator", "operator-check", true, retained);
            operator.subscribe("chorus/status/+", 1).waitForCompletion(5_000);
            await().atMost(Duration.ofSeconds(10)).until(() -> !retained.messages.isEmpty());
            operator.disconnect().waitForCompletion(5_000);
            tts.disconnect().waitForCompletion(5_000);

            // HiveMQ's file mode creates data/persistence at start; in memory mode it stays absent.
            assertThat(dir.resolve("data/persistence")).doesNotExist();
            connectAndLeave(broker, "audio", "audio");
            broker.restart();
            assertThat(reconnect(broker, "audio", "audio").getSessionPresent())
                    .as("no session survives a restart in memory mode")
                    .isFalse();
            assertThat(dir.resolve("data/persistence")).doesNotExist();
        }
    }

    /** Connects with a persistent session, subscribes, and goes away. */
    private static void connectAndLeave(final TestBroker broker, final String principal, final String clientId)
            throws MqttException {
        final MqttAsyncClient client = broker.connect(principal, clientId, false);
        client.subscribe("hermes/audioServer/+/playBytes/+", 1).waitForCompletion(5_000);
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    /** Connects again with the same client id, asking to resume; the CONNACK says whether a session was there. */
    private static IMqttToken reconnect(final TestBroker broker, final String principal, final String clientId)
            throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(broker.uri(), clientId, new MemoryPersistence());
        client.setCallback(new Received());
        final IMqttToken token = client.connect(TestBroker.options(principal, broker.passwords.get(principal), false));
        token.waitForCompletion(10_000);
        client.disconnect().waitForCompletion(5_000);
        client.close();
        return token;
    }
}
