package dev.chorus.gateway;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.testkit.InProcessBroker;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The audio module's part in tests without it: principal {@code audio}, answers every playBytes with playFinished at once. */
final class FakeAudioServer implements AutoCloseable {

    private final MqttAsyncClient client;
    private final AtomicInteger plays = new AtomicInteger();

    private FakeAudioServer(InProcessBroker broker) throws MqttException {
        JsonCodec codec = JsonCodec.standalone();
        client = new MqttAsyncClient(broker.uri(), "audio-fake-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws MqttException {
                var levels = Topics.PLAY_BYTES.match(topic).orElseThrow();
                plays.incrementAndGet();
                client.publish(Topics.playFinished(levels.get("siteId")),
                        codec.encode(new PlayFinished(levels.get("requestId"), levels.get("requestId"))), 1, false);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("audio");
        o.setPassword(broker.password("audio").getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(Topics.PLAY_BYTES_FILTER, 1).waitForCompletion(10_000);
    }

    static FakeAudioServer start(InProcessBroker broker) {
        try {
            return new FakeAudioServer(broker);
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
    }

    int plays() {
        return plays.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(5000);
            client.close();
        } catch (MqttException e) {
            // test teardown
        }
    }
}
