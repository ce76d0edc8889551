package dev.chorus.testkit;

import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import dev.chorus.protocol.TopicFilters;

/**
 * A plain Paho MQTT 5 client for assertions: connect as a principal, subscribe and collect, publish.
 * Independent of the runtime under test (no ChorusMqtt inside).
 */
public final class TestMqttClient implements AutoCloseable {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final long TIMEOUT_MS = 15_000;

    /** A message as received. */
    public record Received(String topic, byte[] payload, int qos, boolean retained, String responseTopic,
                           byte[] correlationData) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public <T> T json(Class<T> type) {
            try {
                return JsonCodec.standalone().decode(payload, type);
            } catch (DecodeException e) {
                throw new AssertionError("payload on " + topic + " is not a " + type.getSimpleName() + ": "
                        + e.getMessage() + ": " + text());
            }
        }
    }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final JsonCodec codec = JsonCodec.standalone();

    private TestMqttClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** Connects with a clean session and a fresh client id {@code <principal>-test-<random>}. */
    public static TestMqttClient connect(InProcessBroker broker, String principal) {
        return connect(broker.uri(), principal, broker.password(principal));
    }

    public static TestMqttClient connect(String uri, String principal, String password) {
        try {
            MqttAsyncClient c = new MqttAsyncClient(uri, principal + "-test-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            TestMqttClient t = new TestMqttClient(c);
            c.setCallback(t.new Collector());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(principal);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(true);
            o.setAutomaticReconnect(false);
            c.connect(o).waitForCompletion(TIMEOUT_MS);
            return t;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect as " + principal + " to " + uri + ": " + e, e);
        }
    }

    /** Subscribes with QoS 1 and waits for the SUBACK; fails if the broker refuses. */
    public TestMqttClient subscribe(String... filters) {
        for (String filter : filters) {
            try {
                IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
                token.waitForCompletion(TIMEOUT_MS);
                int code = token.getReasonCodes()[0];
                if (code >= 0x80) {
                    throw new IllegalStateException("subscription to " + filter + " refused, reason code " + code);
                }
            } catch (MqttException e) {
                throw new IllegalStateException("cannot subscribe to " + filter + ": " + e, e);
            }
        }
        return this;
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        publish(topic, payload, qos, retained, new MqttProperties());
    }

    /** QoS 1, not retained; waits for the PUBACK. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, 1, false);
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publishJson(String topic, Object message) {
        publish(topic, codec.encode(message));
    }

    /** Publishes with an MQTT 5 response topic and correlation data (as another module's request would). */
    public void publishRequest(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(responseTopic);
        props.setCorrelationData(correlationData);
        publish(topic, payload, 1, false, props);
    }

    /** Every message received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String filter) {
        return received.stream().filter(m -> TopicFilters.matches(filter, m.topic())).toList();
    }

    public void clear() {
        received.clear();
    }

    /** Waits for a message on a matching topic and returns the first one. */
    public Received await(String filter) {
        return await(filter, m -> true);
    }

    public Received await(String filter, Predicate<Received> condition) {
        return Awaitility.await("a message on " + filter).atMost(DEFAULT_WAIT)
                .until(() -> received(filter).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until {@code count} messages arrived on matching topics and returns them. */
    public List<Received> awaitCount(String filter, int count) {
        return Awaitility.await(count + " messages on " + filter).atMost(DEFAULT_WAIT)
                .until(() -> received(filter), list -> list.size() >= count);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(TIMEOUT_MS);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private void publish(String topic, byte[] payload, int qos, boolean retained, MqttProperties props) {
        try {
            MqttMessage m = new MqttMessage(payload, qos, retained, props);
            IMqttToken token = client.publish(topic, m);
            token.waitForCompletion(TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            if (qos > 0 && codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IllegalStateException("publish to " + topic + " refused, reason code " + codes[0]);
            }
        } catch (MqttException e) {
            throw new UncheckedIOException(new java.io.IOException("cannot publish to " + topic + ": " + e, e));
        }
    }

    private final class Collector implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            MqttProperties p = m.getProperties() == null ? new MqttProperties() : m.getProperties();
            received.add(new Received(topic, m.getPayload(), m.getQos(), m.isRetained(), p.getResponseTopic(),
                    p.getCorrelationData()));
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
    }
}
