package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.SerialExecutor;
import dev.chorus.protocol.TopicFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The MQTT layer's meters, in one place for every module (docs/configuration.md, "Metrics"). Every tag is
 * bounded: topics are counted by {@link TopicFamily} (the catalog entry, ids as placeholders), handlers and
 * queues by listener class or queue name, which the module's code fixes.
 */
public final class MqttMetrics {

    /** {@code kind} tag of {@code chorus.mqtt.errors}. */
    public enum ErrorKind {
        /** a listener threw */
        HANDLER,
        /** a payload was too large or not the JSON its listener takes */
        DECODE,
        /** a publish failed: refused by the broker, offline buffer full, connection lost in flight */
        PUBLISH;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    static final String MESSAGES_IN = "chorus.mqtt.messages.in";
    static final String MESSAGES_OUT = "chorus.mqtt.messages.out";
    static final String ERRORS = "chorus.mqtt.errors";
    static final String HANDLER = "chorus.mqtt.handler";
    static final String QUEUE = "chorus.mqtt.handler.queue";

    /** Handler latency buckets: audio frames take about a millisecond, a recognition or a say seconds. */
    private static final Duration[] HANDLER_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30)
    };

    private final MeterRegistry registry;
    /** The serial executors behind each queue tag: a listener class added twice, or a shared queue. */
    private final Map<String, List<SerialExecutor>> queues = new ConcurrentHashMap<>();
    /** By family (bounded): audio frames arrive dozens a second, so skip the registry's lookup. */
    private final Map<String, Counter> in = new ConcurrentHashMap<>();

    private final Map<String, Counter> out = new ConcurrentHashMap<>();

    public MqttMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere: for parts built without a registry (unit tests, metrics switched off). */
    public static MqttMetrics none() {
        return new MqttMetrics(new CompositeMeterRegistry());
    }

    /** The connection's state: connected (0/1), publishes waiting in the outbox, acks held back. */
    public void connection(BooleanSupplier connected, IntSupplier outbox, IntSupplier acksWaiting) {
        Gauge.builder("chorus.mqtt.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the module is connected to the broker and subscribed, else 0")
                .strongReference(true)
                .register(registry);
        Gauge.builder("chorus.mqtt.outbox", outbox::getAsInt)
                .description("publishes queued for the broker (offline, or beyond the in-flight window)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("chorus.mqtt.acks.waiting", acksWaiting::getAsInt)
                .description("QoS 1 messages received whose ack waits for their handler")
                .strongReference(true)
                .register(registry);
    }

    void connected() {
        Counter.builder("chorus.mqtt.connects")
                .description("connections made to the broker (the first and every reconnect)")
                .register(registry)
                .increment();
    }

    void received(String topic) {
        in.computeIfAbsent(
                        TopicFamily.of(topic),
                        family -> Counter.builder(MESSAGES_IN)
                                .description("messages received, by topic family")
                                .tag("family", family)
                                .register(registry))
                .increment();
    }

    void sent(String topic) {
        out.computeIfAbsent(
                        TopicFamily.of(topic),
                        family -> Counter.builder(MESSAGES_OUT)
                                .description(
                                        "messages published (acknowledged by the broker for QoS 1), by topic family")
                                .tag("family", family)
                                .register(registry))
                .increment();
    }

    public void error(ErrorKind kind, String topic) {
        Counter.builder(ERRORS)
                .description("messages a handler failed on, could not decode, or could not publish")
                .tag("family", TopicFamily.of(topic))
                .tag("kind", kind.tag)
                .register(registry)
                .increment();
    }

    /** The latency timer of one listener; {@code name} is its class. */
    Timer handler(String name) {
        return Timer.builder(HANDLER)
                .description("time a listener takes for one message (not the wait in its queue)")
                .tag("listener", name)
                .serviceLevelObjectives(HANDLER_BUCKETS)
                .register(registry);
    }

    /** Counts {@code executor}'s waiting messages under {@code queue} (summed with others of that name). */
    void queue(String queue, SerialExecutor executor) {
        List<SerialExecutor> executors = queues.computeIfAbsent(queue, q -> {
            List<SerialExecutor> list = new CopyOnWriteArrayList<>();
            Gauge.builder(
                            QUEUE,
                            list,
                            l -> l.stream().mapToInt(SerialExecutor::queued).sum())
                    .description("messages waiting for a listener's (or a shared queue's) handler")
                    .tag("queue", q)
                    .strongReference(true)
                    .register(registry);
            return list;
        });
        if (!executors.contains(executor)) {
            executors.add(executor);
        }
    }

    /**
     * A stable, bounded name for a listener: its class's simple name, without the suffixes of Micronaut's
     * proxies and of lambdas' hidden classes (which change from run to run).
     */
    static String listenerName(Class<?> type) {
        String name = type.getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda + "$$Lambda".length());
        }
        return name.replace("$Intercepted", "");
    }
}
