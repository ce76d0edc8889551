package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retained messages and queued QoS 1 messages of persistent sessions survive a broker restart. */
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
}
