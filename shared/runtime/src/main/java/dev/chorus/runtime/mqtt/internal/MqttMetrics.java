package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.SerialExecutor;
import dev.chorus.protocol.TopicFamily;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * The MQTT layer's meters, in one place for every module (docs/configuration.md, "Metrics"). Every tag is
 * bounded: topics are counted by {@link TopicFamily} (the catalog entry, ids as placeholders), handlers and
 * queues by listener class or queue name, which the module's code fixes.
 *
 * <p>Built without a registry, which is bound later ({@link #bindTo}): the connection must not depend on
 * Micronaut's registry (see {@code dev.chorus.runtime.mqtt.MqttMeterBinder}). Until then the meters count
 * nothing; binding registers the gauges and timers of what is there already (the connection, the listeners
 * added so far), and counts from then on. The last registry bound is the one used.
 */
public final class MqttMetrics implements MeterBinder {

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

    // What a newly bound registry gets its gauges and timers from; written under this object's lock.
    /** The serial executors behind each queue tag: a listener class added twice, or a shared queue. */
    private final Map<String, List<SerialExecutor>> queues = new ConcurrentHashMap<>();

    private final Set<String> handlers = ConcurrentHashMap.newKeySet();
    private Connection connection;

    /** The meters in the registry bound last; before that, in one that keeps nothing. */
    private volatile Meters meters = new Meters(new CompositeMeterRegistry());

    /** Meters that count nothing until a registry is bound (unit tests never bind one). */
    public MqttMetrics() {}

    /** From now on the meters go to {@code registry}: Micronaut's, or a test's. */
    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        Meters bound = new Meters(registry);
        if (connection != null) {
            bound.connection(connection);
        }
        queues.forEach(bound::queue);
        handlers.forEach(bound::handler);
        meters = bound;
    }

    /** The connection's state: connected (0/1), publishes waiting in the outbox, acks held back. */
    public synchronized void connection(BooleanSupplier connected, IntSupplier outbox, IntSupplier acksWaiting) {
        connection = new Connection(connected, outbox, acksWaiting);
        meters.connection(connection);
    }

    void connected() {
        meters.connected();
    }

    void received(String topic) {
        meters.received(topic);
    }

    void sent(String topic) {
        meters.sent(topic);
    }

    public void error(ErrorKind kind, String topic) {
        meters.error(kind, topic);
    }

    /** The latency timer of one listener, {@code name} its class: records the nanoseconds one message took. */
    synchronized LongConsumer handler(String name) {
        if (handlers.add(name)) {
            meters.handler(name);
        }
        return nanos -> meters.handled(name, nanos);
    }

    /** Counts {@code executor}'s waiting messages under {@code queue} (summed with others of that name). */
    synchronized void queue(String queue, SerialExecutor executor) {
        List<SerialExecutor> executors = queues.computeIfAbsent(queue, q -> {
            List<SerialExecutor> list = new CopyOnWriteArrayList<>();
            meters.queue(q, list);
            return list;
        });
        if (!executors.contains(executor)) {
            executors.add(executor);
        }
    }

    private record Connection(BooleanSupplier connected, IntSupplier outbox, IntSupplier acksWaiting) {}

    /** The meters in one registry. */
    private static final class Meters {

        private final MeterRegistry registry;
        /** By family (bounded): audio frames arrive dozens a second, so skip the registry's lookup. */
        private final Map<String, Counter> in = new ConcurrentHashMap<>();

        private final Map<String, Counter> out = new ConcurrentHashMap<>();
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();

        Meters(MeterRegistry registry) {
            this.registry = registry;
        }

        void connection(Connection c) {
            Gauge.builder("chorus.mqtt.connected", () -> c.connected().getAsBoolean() ? 1 : 0)
                    .description("1 while the module is connected to the broker and subscribed, else 0")
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("chorus.mqtt.outbox", c.outbox()::getAsInt)
                    .description("publishes queued for the broker (offline, or beyond the in-flight window)")
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("chorus.mqtt.acks.waiting", c.acksWaiting()::getAsInt)
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
                                    .description("messages published (acknowledged by the broker for QoS 1), by"
                                            + " topic family")
                                    .tag("family", family)
                                    .register(registry))
                    .increment();
        }

        void error(ErrorKind kind, String topic) {
            Counter.builder(ERRORS)
                    .description("messages a handler failed on, could not decode, or could not publish")
                    .tag("family", TopicFamily.of(topic))
                    .tag("kind", kind.tag)
                    .register(registry)
                    .increment();
        }

        Timer handler(String name) {
            return timers.computeIfAbsent(
                    name,
                    n -> Timer.builder(HANDLER)
                            .description("time a listener takes for one message (not the wait in its queue)")
                            .tag("listener", n)
                            .serviceLevelObjectives(HANDLER_BUCKETS)
                            .register(registry));
        }

        void handled(String name, long nanos) {
            handler(name).record(nanos, TimeUnit.NANOSECONDS);
        }

        void queue(String queue, List<SerialExecutor> executors) {
            Gauge.builder(
                            QUEUE,
                            executors,
                            l -> l.stream().mapToInt(SerialExecutor::queued).sum())
                    .description("messages waiting for a listener's (or a shared queue's) handler")
                    .tag("queue", queue)
                    .strongReference(true)
                    .register(registry);
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
