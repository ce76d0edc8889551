package dev.chorus.runtime.mqtt;

import dev.chorus.client.OutgoingMessage;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Addressed;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.internal.CurrentAck;
import dev.chorus.runtime.mqtt.internal.ListenerDispatch;
import dev.chorus.runtime.mqtt.internal.MqttConnection;
import dev.chorus.runtime.mqtt.internal.MqttMetrics;
import dev.chorus.runtime.mqtt.internal.RequestReply;
import dev.chorus.runtime.mqtt.internal.StatusPresence;
import dev.chorus.runtime.mqtt.internal.Subscriptions;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's MQTT v5 connection, and the only way modules talk to each other.
 *
 * <ul>
 *   <li>Persistent session: clean start off, session expiry from {@code CHORUS_MQTT_SESSION_EXPIRY}, stable
 *       client id. Shutdown disconnects without unsubscribing, so the broker queues QoS 1 messages meanwhile.</li>
 *   <li>Start-up never fails because of the broker: connecting is retried in the background with back-off
 *       (health shows DOWN meanwhile), and so is every lost connection.</li>
 *   <li>On every connect, listeners are (re)subscribed and {@code chorus/status/<module>} is set to online
 *       (retained); the MQTT will sets it to offline if the connection dies.</li>
 *   <li>Publishes are queued while offline (bounded) and return futures that never complete on Paho's
 *       thread, so callers may chain blocking work on them.</li>
 * </ul>
 *
 * <p>A facade over its parts in {@code internal}: {@link MqttConnection} (connect, reconnect, resubscribe,
 * outbox), {@link ListenerDispatch} (listeners, decoding, error reports), {@link StatusPresence} (online,
 * offline, will) and {@link RequestReply}.
 */
@Singleton
public class ChorusMqtt implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusMqtt.class);

    private static final Duration SHUTDOWN_STEP = Duration.ofSeconds(3);

    private final ModuleSettings settings;
    private final JsonCodec codec;
    private final ExecutorService workers;
    private final ListenerDispatch dispatch;
    private final StatusPresence presence;
    /** {@link #retainJson} state by topic, in first-announced order. */
    private final Map<String, OutgoingMessage> retainedState = new LinkedHashMap<>();

    private final RequestReply requests;
    private final MqttConnection connection;
    /** Bound to Micronaut's registry by {@link MqttMeterBinder}, not taken here: see the constructor. */
    private final MqttMetrics metrics = new MqttMetrics();

    private volatile boolean started;
    private volatile boolean closing;

    /*
     * Deliberately no MeterRegistry here, not even an optional one: Micronaut destroys the beans that depend on
     * this one before it, and orders them by the types they are built from. Micronaut's MeterRegistry beans
     * are in a cycle there (its composite registry is built from every MeterRegistry), so a ChorusMqtt built
     * from one lost its place: it was closed before the module's beans that still publish in their @PreDestroy
     * (the audio Player answers the requests it holds). The meters are bound afterwards instead, by
     * MqttMeterBinder, a bean that depends on this one (see meters()).
     */
    @Inject
    public ChorusMqtt(ModuleSettings settings, JsonCodec codec) {
        this(settings, codec, Clock.systemUTC());
    }

    ChorusMqtt(ModuleSettings settings, JsonCodec codec, Clock clock) {
        JulBridge.install();
        this.settings = settings;
        this.codec = codec;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chorus-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Subscriptions subscriptions = new Subscriptions();
        this.dispatch = new ListenerDispatch(
                settings.module(),
                settings.maxMessageBytes(),
                codec,
                subscriptions,
                workers,
                (topic, message) -> publishJson(topic, message, 1, false).exceptionally(e -> {
                    LOG.warn("cannot publish error report on {}: {}", topic, e.toString());
                    return null;
                }),
                clock,
                metrics);
        this.presence = new StatusPresence(settings, codec, clock);
        this.requests = new RequestReply(settings.module());
        this.connection = new MqttConnection(
                settings, subscriptions, workers, presence::will, this::announceOnline, clock, metrics);
        metrics.connection(connection::isConnected, connection::queued, connection::acksWaiting);
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /**
     * Registers the listeners and starts connecting in the background. Called once, by the runtime's
     * start-up bean, with every listener bean of the context.
     */
    public synchronized void start(
            Collection<? extends MessageListener> rawListeners, Collection<? extends JsonListener<?>> jsonListeners) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (closing) {
            throw new IllegalStateException("closed");
        }
        rawListeners.forEach(dispatch::register);
        jsonListeners.forEach(dispatch::register);
        dispatch.register("replies", requests.replyFilter(), 1, requests::onReply);
        connection.start();
        started = true;
    }

    /**
     * Adds a listener; subscribes it at once if connected. Listener beans are registered automatically,
     * this is for subscriptions decided at run time.
     */
    public void addListener(MessageListener listener) {
        connection.subscribeNow(dispatch.register(listener));
    }

    public void addListener(JsonListener<?> listener) {
        connection.subscribeNow(dispatch.register(listener));
    }

    /**
     * Clean shutdown: lets handlers finish (bounded), publishes retained {@code offline}, flushes queued
     * publishes, then disconnects normally. It does NOT unsubscribe, so the broker keeps the session.
     */
    @PreDestroy
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
        }
        connection.beginClose();
        if (started) {
            awaitQuietly(dispatch::idle, SHUTDOWN_STEP);
            if (connection.linkUp()) {
                CompletableFuture<Void> offline = connection.enqueue(presence.offline(), true);
                awaitQuietly(() -> offline.isDone() && connection.queued() == 0, SHUTDOWN_STEP);
            }
        }
        connection.disconnect();
        requests.failAll(new IllegalStateException("MQTT connection closed"));
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_STEP.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("{} disconnected", settings.module());
    }

    // ---- publishing ------------------------------------------------------------------------------

    /**
     * Publishes now, or once connected. The future completes when the broker acknowledged (QoS 1/2) or the
     * message was written (QoS 0); it fails if the offline buffer is full, or the connection was lost
     * while the message was in flight (Paho may still deliver it after the reconnect).
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retained) {
        return connection.enqueue(
                OutgoingMessage.of(topic, payload).withQos(qos).withRetained(retained), false);
    }

    /** QoS 1, not retained. */
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        return publish(topic, payload, 1, false);
    }

    /** Encodes a message record as the stack's JSON (Hermes wire conventions) and publishes it. */
    public CompletableFuture<Void> publishJson(String topic, Object message, int qos, boolean retained) {
        return connection.enqueue(json(topic, message).withQos(qos).withRetained(retained), false);
    }

    /** QoS 1, not retained. */
    public CompletableFuture<Void> publishJson(String topic, Object message) {
        return publishJson(topic, message, 1, false);
    }

    /** Publishes a record that knows its topic ({@link Addressed}): QoS 1, not retained. */
    public CompletableFuture<Void> publish(Addressed message) {
        return publishJson(message.topic(), message);
    }

    /**
     * State the module announces about itself (what it offers, e.g. the tts module's presets): published
     * retained (QoS 1, JSON) now when connected, and again on every (re)connect, before the online status. So a
     * broker that lost its retained messages gets it back, and whoever sees the module online also finds it.
     * The last message per topic wins; it stays on the broker when the module stops. Failures are logged.
     */
    public void retainJson(String topic, Object message) {
        OutgoingMessage.requireTopic(topic);
        OutgoingMessage retained = json(topic, message).withRetained(true);
        synchronized (retainedState) {
            retainedState.put(topic, retained);
        }
        if (connection.isConnected()) {
            warnOnFailure(connection.enqueue(retained, false), "retained " + topic);
        }
    }

    /**
     * MQTT 5 request: publishes with response topic {@code chorus/reply/<module>/<uuid>} and the uuid as
     * correlation data, and completes with the first reply. Fails with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}.
     */
    public CompletableFuture<InboundMessage> request(String topic, byte[] payload, Duration timeout) {
        return request(OutgoingMessage.of(topic, payload), timeout);
    }

    public CompletableFuture<InboundMessage> requestJson(String topic, Object message, Duration timeout) {
        return request(json(topic, message), timeout);
    }

    /** Answers a request received by a listener: publishes to its response topic with its correlation data. */
    public CompletableFuture<Void> reply(InboundMessage request, byte[] payload) {
        return reply(request, payload.clone(), null);
    }

    public CompletableFuture<Void> replyJson(InboundMessage request, Object message) {
        return reply(request, codec.encode(message), OutgoingMessage.JSON);
    }

    // ---- state -----------------------------------------------------------------------------------

    public boolean isConnected() {
        return connection.isConnected();
    }

    /**
     * QoS 1 messages received on this connection whose ack has not gone out yet: their handlers still run
     * (or one before them does) and did not journal them.
     */
    public int acksWaiting() {
        return connection.acksWaiting();
    }

    public MqttStatus status() {
        return connection.status();
    }

    /** Filters the broker refused to subscribe (ACL); they stay refused until the module restarts. */
    public Set<String> refusedFilters() {
        return connection.refusedFilters();
    }

    public ModuleSettings settings() {
        return settings;
    }

    public JsonCodec codec() {
        return codec;
    }

    /**
     * The MQTT layer's meters (docs/configuration.md, "Metrics"), to bind to a registry: they count from then
     * on. {@link MqttMeterBinder} binds them to Micronaut's.
     */
    public MeterBinder meters() {
        return metrics;
    }

    // ---- internals -------------------------------------------------------------------------------

    private OutgoingMessage json(String topic, Object message) {
        return new OutgoingMessage(topic, codec.encode(message), 1, false, OutgoingMessage.JSON, null, null);
    }

    private CompletableFuture<InboundMessage> request(OutgoingMessage message, Duration timeout) {
        OutgoingMessage.requireTopic(message.topic());
        // Called from a handler, which then usually waits for the reply: its message must be acknowledged now,
        // since the broker (HiveMQ) sends a subscriber nothing more, the reply included, while an earlier
        // message is unacknowledged. The handler's message is then at most once; journal it to keep it.
        CurrentAck.release();
        RequestReply.Request request = requests.prepare(message, timeout);
        connection.enqueue(request.message(), false).whenComplete((ok, e) -> {
            if (e != null) {
                request.answer().completeExceptionally(e);
            }
        });
        return request.answer();
    }

    private CompletableFuture<Void> reply(InboundMessage request, byte[] payload, String contentType) {
        OutgoingMessage message;
        try {
            message = RequestReply.replyTo(request, payload, contentType);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return connection.enqueue(message, false);
    }

    /**
     * Connected and subscribed: the module's retained state, then online, go out ahead of everything queued
     * (pushed to the front in reverse). Runs on the connection's thread.
     */
    private void announceOnline() {
        warnOnFailure(connection.enqueue(presence.online(), true), "online status");
        List<OutgoingMessage> state;
        synchronized (retainedState) {
            state = new ArrayList<>(retainedState.values());
        }
        for (int i = state.size() - 1; i >= 0; i--) {
            OutgoingMessage m = state.get(i);
            warnOnFailure(connection.enqueue(m, true), "retained " + m.topic());
        }
    }

    private static void warnOnFailure(CompletableFuture<Void> done, String what) {
        done.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish {}: {}", what, e.toString());
            }
        });
    }

    private static void awaitQuietly(BooleanSupplier condition, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
