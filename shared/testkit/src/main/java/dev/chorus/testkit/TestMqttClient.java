package dev.chorus.testkit;

import dev.chorus.client.ChorusClient;
import dev.chorus.client.ChorusClientException;
import dev.chorus.client.OutgoingMessage;
import dev.chorus.client.RefusedException;
import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * A plain MQTT 5 client for assertions, on {@link ChorusClient}: connect as a principal, subscribe and
 * collect, publish. Independent of the runtime under test (no ChorusMqtt inside).
 */
public final class TestMqttClient implements AutoCloseable {

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** A message as received. */
    public record Received(
            String topic, byte[] payload, int qos, boolean retained, String responseTopic, byte[] correlationData) {

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

    private final ChorusClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TestMqttClient(ChorusClient client) {
        this.client = client;
    }

    /** Connects with a clean session and a fresh client id {@code <principal>-test-<random>}. */
    public static TestMqttClient connect(InProcessBroker broker, String principal) {
        return connect(broker.uri(), principal, broker.password(principal));
    }

    public static TestMqttClient connect(String uri, String principal, String password) {
        try {
            return new TestMqttClient(ChorusClient.to(uri)
                    .login(principal, password.getBytes(StandardCharsets.UTF_8))
                    .clientId(
                            principal + "-test-" + UUID.randomUUID().toString().substring(0, 8))
                    .connectTimeout(TIMEOUT)
                    .connect());
        } catch (ChorusClientException e) {
            throw new IllegalStateException("cannot connect as " + principal + " to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Subscribes with QoS 1 and waits for the SUBACK; fails if the broker refuses. */
    public TestMqttClient subscribe(String... filters) {
        for (String filter : filters) {
            try {
                ChorusClient.await(
                        client.subscribe(
                                filter,
                                1,
                                m -> received.add(new Received(
                                        m.topic(),
                                        m.payload(),
                                        m.qos(),
                                        m.retained(),
                                        m.responseTopic(),
                                        m.correlationData()))),
                        TIMEOUT);
            } catch (RefusedException e) {
                throw new IllegalStateException(
                        "subscription to " + filter + " refused, reason code " + e.reasonCode(), e);
            } catch (ChorusClientException e) {
                throw new IllegalStateException("cannot subscribe to " + filter + ": " + e.getMessage(), e);
            }
        }
        return this;
    }

    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        publish(OutgoingMessage.of(topic, payload).withQos(qos).withRetained(retained));
    }

    /** QoS 1, not retained; waits for the PUBACK. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, 1, false);
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publishJson(String topic, Object message) {
        publish(topic, client.codec().encode(message));
    }

    /** Publishes with an MQTT 5 response topic and correlation data (as another module's request would). */
    public void publishRequest(String topic, byte[] payload, String responseTopic, byte[] correlationData) {
        publish(OutgoingMessage.of(topic, payload).withResponse(responseTopic, correlationData));
    }

    /** Every message received so far, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String filter) {
        return received.stream()
                .filter(m -> TopicFilters.matches(filter, m.topic()))
                .toList();
    }

    public void clear() {
        received.clear();
    }

    /** Waits for a message on a matching topic and returns the first one. */
    public Received await(String filter) {
        return await(filter, m -> true);
    }

    public Received await(String filter, Predicate<Received> condition) {
        return Awaitility.await("a message on " + filter)
                .atMost(DEFAULT_WAIT)
                .until(() -> received(filter).stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until {@code count} messages arrived on matching topics and returns them. */
    public List<Received> awaitCount(String filter, int count) {
        return Awaitility.await(count + " messages on " + filter)
                .atMost(DEFAULT_WAIT)
                .until(() -> received(filter), list -> list.size() >= count);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        client.close();
    }

    private void publish(OutgoingMessage message) {
        try {
            ChorusClient.await(client.publish(message), TIMEOUT);
        } catch (RefusedException e) {
            throw new IllegalStateException(
                    "publish to " + message.topic() + " refused, reason code " + e.reasonCode(), e);
        } catch (ChorusClientException e) {
            throw new UncheckedIOException(
                    new IOException("cannot publish to " + message.topic() + ": " + e.getMessage(), e));
        }
    }
}
