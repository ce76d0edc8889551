package dev.chorus.testkit;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another module's part in a module's tests, on the real broker and ACL: a plain Paho client logged in as that
 * module's principal that does what the module does on the wire, and no more. Tests of one module use fakes of
 * the others (no module depends on another); the real modules meet in the container system tests.
 *
 * <p>Like a module it announces itself: retained {@code chorus/status/<module>} online on start, offline on
 * {@link #close()}, and offline as its MQTT will when the connection dies. Handlers ({@link #on}) run one at a
 * time, in arrival order, on the fake's own thread (never Paho's), so they may publish and wait.
 *
 * <pre>{@code
 * try (FakeModule audio = FakeModule.start(broker, "audio")) {
 *     audio.on(Topics.PLAY_BYTES_FILTER, m -> audio.publishJson(...playFinished...));
 * }
 * }</pre>
 */
public final class FakeModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeModule.class);
    private static final long TIMEOUT_MS = 15_000;

    private record Handler(String filter, Consumer<TestMqttClient.Received> action) {}

    private final String module;
    private final MqttAsyncClient client;
    private final JsonCodec codec = JsonCodec.standalone();
    private final List<Handler> handlers = new CopyOnWriteArrayList<>();
    private final ExecutorService worker;

    private FakeModule(String uri, String module, String password) throws MqttException {
        this.module = module;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-" + module);
            t.setDaemon(true);
            return t;
        });
        client = new MqttAsyncClient(
                uri, module + "-fake-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(module);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setWill(
                Topics.status(module),
                new MqttMessage(codec.encode(status(ModuleStatus.OFFLINE)), 1, true, new MqttProperties()));
        client.connect(o).waitForCompletion(TIMEOUT_MS);
    }

    /** Connects as principal {@code module} and publishes its retained status {@code online}. */
    public static FakeModule start(InProcessBroker broker, String module) {
        return start(broker.uri(), module, broker.password(module));
    }

    public static FakeModule start(String uri, String module, String password) {
        try {
            FakeModule fake = new FakeModule(uri, module, password);
            fake.publishRetainedJson(Topics.status(module), fake.status(ModuleStatus.ONLINE));
            return fake;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect as " + module + " to " + uri + ": " + e, e);
        }
    }

    public String module() {
        return module;
    }

    /** Subscribes (QoS 1, waits for the SUBACK, fails when the ACL refuses) and handles every matching message. */
    public FakeModule on(String filter, Consumer<TestMqttClient.Received> action) {
        handlers.add(new Handler(filter, action));
        try {
            IMqttToken token = client.subscribe(new MqttSubscription(filter, 1));
            token.waitForCompletion(TIMEOUT_MS);
            int code = token.getReasonCodes()[0];
            if (code >= 0x80) {
                throw new IllegalStateException(
                        module + ": subscription to " + filter + " refused, reason code " + code);
            }
        } catch (MqttException e) {
            throw new IllegalStateException(module + ": cannot subscribe to " + filter + ": " + e, e);
        }
        return this;
    }

    /** QoS 1, not retained; waits for the PUBACK and fails when the ACL refuses. */
    public void publish(String topic, byte[] payload) {
        publish(topic, payload, false);
    }

    public void publishJson(String topic, Object message) {
        publish(topic, codec.encode(message), false);
    }

    /** QoS 1, retained (an empty payload clears the topic's retained message). */
    public void publishRetained(String topic, byte[] payload) {
        publish(topic, payload, true);
    }

    public void publishRetainedJson(String topic, Object message) {
        publish(topic, codec.encode(message), true);
    }

    public JsonCodec codec() {
        return codec;
    }

    /** A clean stop: retained status offline, then DISCONNECT (no will). */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                publishRetainedJson(Topics.status(module), status(ModuleStatus.OFFLINE));
                client.disconnect().waitForCompletion(TIMEOUT_MS);
            }
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("{} fake: close: {}", module, e.toString());
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(String topic, byte[] payload, boolean retained) {
        try {
            IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, retained, new MqttProperties()));
            token.waitForCompletion(TIMEOUT_MS);
            int[] codes = token.getReasonCodes();
            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                throw new IllegalStateException(module + ": publish to " + topic + " refused, reason code " + codes[0]);
            }
        } catch (MqttException e) {
            throw new IllegalStateException(module + ": cannot publish to " + topic + ": " + e, e);
        }
    }

    private ModuleStatus status(String state) {
        return ModuleStatus.of(module, "fake", "test", state, Instant.now());
    }

    private final class Callback implements MessageCallback {

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            MqttProperties p = m.getProperties() == null ? new MqttProperties() : m.getProperties();
            TestMqttClient.Received received = new TestMqttClient.Received(
                    topic, m.getPayload(), m.getQos(), m.isRetained(), p.getResponseTopic(), p.getCorrelationData());
            for (Handler h : handlers) {
                if (TopicFilters.matches(h.filter(), topic) && !worker.isShutdown()) {
                    try {
                        worker.execute(() -> {
                            try {
                                h.action().accept(received);
                            } catch (RuntimeException e) {
                                LOG.warn("{} fake: handler for {} failed on {}", module, h.filter(), topic, e);
                            }
                        });
                    } catch (RejectedExecutionException e) {
                        LOG.debug("{} fake: closed, dropping {}", module, topic);
                    }
                }
            }
        }
    }
}
