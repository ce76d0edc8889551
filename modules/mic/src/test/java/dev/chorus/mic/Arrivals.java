package dev.chorus.mic;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.MessageCallback;
import dev.chorus.testkit.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Collects messages with the {@link System#nanoTime()} at which Paho handed them over, so tests can check
 * when a frame arrived, not when a poll noticed it ({@link TestMqttClient} keeps no arrival time).
 */
final class Arrivals implements AutoCloseable {

    record Arrival(String topic, byte[] payload, long nanos) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        <T> T json(Class<T> type) {
            try {
                return JsonCodec.standalone().decode(payload, type);
            } catch (DecodeException e) {
                throw new AssertionError(topic + ": not a " + type.getSimpleName() + ": " + text(), e);
            }
        }

        dev.chorus.protocol.audio.Wav.Audio wav() {
            try {
                return dev.chorus.protocol.audio.Wav.parse(payload);
            } catch (dev.chorus.protocol.audio.InvalidAudioException e) {
                throw new AssertionError(topic + ": not a WAV: " + e.getMessage(), e);
            }
        }

        /** Milliseconds from {@code startNanos} to this arrival. */
        long millisSince(long startNanos) {
            return Duration.ofNanos(nanos - startNanos).toMillis();
        }
    }

    private final MqttAsyncClient client;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    private Arrivals(MqttAsyncClient client) {
        this.client = client;
    }

    static Arrivals subscribe(InProcessBroker broker, String principal, String... filters) {
        try {
            MqttAsyncClient c = new MqttAsyncClient(
                    broker.uri(),
                    principal + "-arrivals-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            Arrivals a = new Arrivals(c);
            c.setCallback(a.new Collector());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(principal);
            o.setPassword(broker.password(principal).getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(true);
            c.connect(o).waitForCompletion(15_000);
            for (String filter : filters) {
                IMqttToken token = c.subscribe(new MqttSubscription(filter, 1));
                token.waitForCompletion(15_000);
                if (token.getReasonCodes()[0] >= 0x80) {
                    throw new IllegalStateException("subscription to " + filter + " refused");
                }
            }
            return a;
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect as " + principal + ": " + e, e);
        }
    }

    List<Arrival> on(String filter) {
        return arrivals.stream()
                .filter(a -> TopicFilters.matches(filter, a.topic()))
                .toList();
    }

    Arrival await(String filter, Predicate<Arrival> condition) {
        return Awaitility.await("a message on " + filter)
                .atMost(TestMqttClient.DEFAULT_WAIT)
                .until(() -> on(filter).stream().filter(condition).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** The samples of every frame of {@code siteId} so far, joined, in arrival order (QoS 0 from one publisher). */
    byte[] pcm(String siteId) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Arrival a : on(dev.chorus.protocol.Topics.audioFrame(siteId))) {
            out.writeBytes(a.wav().samples());
        }
        return out.toByteArray();
    }

    int count(String filter) {
        return on(filter).size();
    }

    void clear() {
        arrivals.clear();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(15_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private final class Collector implements MessageCallback {

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            arrivals.add(new Arrival(topic, m.getPayload(), System.nanoTime()));
        }
    }
}
