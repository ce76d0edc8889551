package dev.chorus.tts.hermes;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.testkit.InProcessBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
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

/**
 * A plain Paho client for tests and the benchmark that stamps every message with
 * {@link System#nanoTime()} on arrival (so arrival order and latency can be compared with the
 * module's own events in the same JVM) and can react to messages as they come.
 */
public class StampedClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(60);
    /** One codec for all: a standalone codec builds a new ObjectMapper (module scan), far too slow per poll. */
    static final JsonCodec CODEC = JsonCodec.standalone();

    /** A message and when it arrived. */
    public record Message(String topic, byte[] payload, long arrivedAt) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public <T> T json(final Class<T> type) {
            try {
                return CODEC.decode(payload, type);
            } catch (DecodeException e) {
                throw new AssertionError("payload on " + topic + " is not a " + type.getSimpleName() + ": "
                        + e.getMessage() + ": " + text());
            }
        }
    }

    private final MqttAsyncClient client;
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<Message>> hooks = new CopyOnWriteArrayList<>();
    private final JsonCodec codec = CODEC;

    protected StampedClient(final InProcessBroker broker, final String principal) {
        this(broker.uri(), principal, broker.password(principal));
    }

    public StampedClient(final String uri, final String principal, final String password) {
        try {
            client = new MqttAsyncClient(
                    uri,
                    principal + "-stamped-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            client.setCallback(new Callback());
            final MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(principal);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(true);
            o.setAutomaticReconnect(false);
            o.setReceiveMaximum(1000);
            o.setSocketFactory(NO_DELAY); // no Nagle + delayed-ACK floor under every QoS 1 exchange
            client.connect(o).waitForCompletion(15_000);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect as " + principal + ": " + e, e);
        }
    }

    public static StampedClient connect(final InProcessBroker broker, final String principal) {
        return new StampedClient(broker, principal);
    }

    /** QoS 1 subscriptions; waits for the SUBACKs and fails when refused. */
    public StampedClient subscribe(final String... filters) {
        for (final String filter : filters) {
            try {
                final IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
                token.waitForCompletion(15_000);
                if (token.getReasonCodes()[0] >= 0x80) {
                    throw new IllegalStateException(
                            "subscription to " + filter + " refused: " + token.getReasonCodes()[0]);
                }
            } catch (MqttException e) {
                throw new IllegalStateException("cannot subscribe to " + filter + ": " + e, e);
            }
        }
        return this;
    }

    /** Called on Paho's thread for every message after it is recorded: never block or publish-and-wait here. */
    public StampedClient onMessage(final Consumer<Message> hook) {
        hooks.add(hook);
        return this;
    }

    /** QoS 1; waits for the PUBACK. */
    public void publish(final String topic, final byte[] payload) {
        try {
            final IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()));
            token.waitForCompletion(15_000);
            final int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IllegalStateException("publish to " + topic + " refused: " + codes[0]);
            }
        } catch (MqttException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    public void publish(final String topic, final String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publishJson(final String topic, final Object message) {
        publish(topic, codec.encode(message));
    }

    /** Publishes without waiting (safe on Paho's callback thread). */
    public void publishAsync(final String topic, final byte[] payload) {
        try {
            client.publish(topic, new MqttMessage(payload, 1, false, new MqttProperties()));
        } catch (MqttException e) {
            throw new IllegalStateException("cannot publish to " + topic + ": " + e, e);
        }
    }

    public List<Message> received() {
        return List.copyOf(received);
    }

    public List<Message> received(final String filter) {
        return received.stream()
                .filter(m -> TopicFilters.matches(filter, m.topic()))
                .toList();
    }

    public Optional<Message> find(final String filter, final Predicate<Message> condition) {
        return received(filter).stream().filter(condition).findFirst();
    }

    public Message await(final String filter, final Predicate<Message> condition) {
        return Awaitility.await("a message on " + filter)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(5))
                .until(() -> find(filter, condition), Optional::isPresent)
                .orElseThrow();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private static final javax.net.SocketFactory NO_DELAY = new javax.net.SocketFactory() {
        private java.net.Socket tune(final java.net.Socket s) throws java.io.IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            return tune(new java.net.Socket());
        }

        @Override
        public java.net.Socket createSocket(final String host, final int port) throws java.io.IOException {
            return tune(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(
                final String host, final int port, final java.net.InetAddress local, final int localPort)
                throws java.io.IOException {
            return tune(new java.net.Socket(host, port, local, localPort));
        }

        @Override
        public java.net.Socket createSocket(final java.net.InetAddress host, final int port)
                throws java.io.IOException {
            return tune(new java.net.Socket(host, port));
        }

        @Override
        public java.net.Socket createSocket(
                final java.net.InetAddress address,
                final int port,
                final java.net.InetAddress local,
                final int localPort)
                throws java.io.IOException {
            return tune(new java.net.Socket(address, port, local, localPort));
        }
    };

    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(final String topic, final MqttMessage m) {
            final Message message = new Message(topic, m.getPayload(), System.nanoTime());
            received.add(message);
            for (final Consumer<Message> hook : hooks) {
                hook.accept(message);
            }
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(final MqttException exception) {}

        @Override
        public void deliveryComplete(final IMqttToken token) {}

        @Override
        public void connectComplete(final boolean reconnect, final String serverURI) {}

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {}
    }
}
