package dev.chorus.runtime.mqtt;

import dev.chorus.client.Backoff;
import dev.chorus.client.NoDelaySocketFactory;

import dev.chorus.protocol.Topics;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The module's MQTT v5 connection (Paho {@link MqttAsyncClient}), and the only way modules talk to each other.
 *
 * <ul>
 *   <li>Persistent session: clean start off, session expiry from {@code CHORUS_MQTT_SESSION_EXPIRY}, stable
 *       client id. Shutdown disconnects without unsubscribing, so the broker queues QoS 1 messages meanwhile.</li>
 *   <li>Start-up never fails because of the broker: connecting is retried in the background with back-off
 *       (health shows DOWN meanwhile), and so is every lost connection.</li>
 *   <li>On every connect, listeners are (re)subscribed, the module's retained state ({@link #retainJson}) is
 *       published again and {@code chorus/status/<module>} is set to online (retained); the MQTT will sets it
 *       to offline if the connection dies.</li>
 *   <li>Publishes are queued while offline (bounded) and return futures that never complete on Paho's
 *       thread, so callers may chain blocking work on them.</li>
 * </ul>
 */
@Singleton
public class ChorusMqtt implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusMqtt.class);

    static final int OUTBOX_CAPACITY = 1000;
    /** Stay below the broker's receive maximum: Paho refuses, rather than queues, publishes beyond it. */
    static final int MAX_IN_FLIGHT = 32;
    private static final Duration SHUTDOWN_STEP = Duration.ofSeconds(3);
    private static final String JSON = "application/json";

    private final ModuleSettings settings;
    private final JsonCodec codec;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private final ExecutorService workers;
    private final Subscriptions subscriptions = new Subscriptions();
    private final Outbox outbox = new Outbox(OUTBOX_CAPACITY);
    private final PendingRequests pending = new PendingRequests();
    private final ErrorReporter errors;
    private final Backoff backoff;
    private final Set<String> refusedFilters = ConcurrentHashMap.newKeySet();

    // written on the control thread only
    private MqttAsyncClient client;
    private int inFlight;
    private int inFlightLimit = MAX_IN_FLIGHT;
    private boolean subscriptionIdsAvailable = true;
    private int generation; // counts connections, so late SUBACKs of an older one are ignored
    private int subacksPending;
    /** {@link #retainJson} state by topic, in first-announced order. */
    private final Map<String, byte[]> retainedState = new LinkedHashMap<>();

    private volatile boolean started;
    private volatile boolean closing;
    /** TCP/MQTT session up: publishes flow. */
    private volatile boolean linkUp;
    /** Link up and every subscription acknowledged: what health and {@link #isConnected()} report. */
    private volatile boolean connected;
    private volatile Instant stateSince;
    private volatile String lastError;

    @Inject
    public ChorusMqtt(ModuleSettings settings, JsonCodec codec) {
        this(settings, codec, Clock.systemUTC());
    }

    ChorusMqtt(ModuleSettings settings, JsonCodec codec, Clock clock) {
        JulBridge.install();
        this.settings = settings;
        this.codec = codec;
        this.clock = clock;
        this.stateSince = clock.instant();
        this.control = Executors.newSingleThreadScheduledExecutor(threads("chorus-mqtt-" + settings.module()));
        this.workers = Executors.newCachedThreadPool(threads("chorus-worker"));
        this.errors = new ErrorReporter(settings.module(), (topic, message) -> publishJson(topic, message, 1, false)
                .exceptionally(e -> {
                    LOG.warn("cannot publish error report on {}: {}", topic, e.toString());
                    return null;
                }), clock);
        this.backoff = new Backoff(settings.reconnectMaxDelay());
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /**
     * Registers the listeners and starts connecting in the background. Called once, by the runtime's
     * start-up bean, with every listener bean of the context.
     */
    public synchronized void start(Collection<? extends MessageListener> rawListeners,
                                   Collection<? extends JsonListener<?>> jsonListeners) {
        if (started) {
            throw new IllegalStateException("already started");
        }
        if (closing) {
            throw new IllegalStateException("closed");
        }
        rawListeners.forEach(this::register);
        jsonListeners.forEach(this::register);
        subscriptions.add(Topics.replyFilter(settings.module()), 1,
                new Subscriptions.Handler("replies", this::onReply, new SerialExecutor(workers)));
        try {
            client = new MqttAsyncClient(settings.mqttUri().toString(), settings.mqttClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create MQTT client for " + settings.mqttUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        started = true;
        LOG.info("{} {} ({}) connecting to {} as {}", settings.module(), settings.version(), settings.instance(),
                settings.mqttUri(), settings.mqttUsername());
        control.execute(this::connect);
    }

    /**
     * Adds a listener; subscribes it at once if connected. Listener beans are registered automatically,
     * this is for subscriptions decided at run time.
     */
    public void addListener(MessageListener listener) {
        Subscriptions.Group group = register(listener);
        subscribeIfConnected(group);
    }

    public void addListener(JsonListener<?> listener) {
        Subscriptions.Group group = register(listener);
        subscribeIfConnected(group);
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
        if (started) {
            awaitQuietly(this::handlersIdle, SHUTDOWN_STEP);
            if (linkUp) {
                CompletableFuture<Void> offline = enqueue(Topics.status(settings.module()),
                        message(codec.encode(status(ModuleStatus.OFFLINE)), 1, true, JSON), true);
                awaitQuietly(() -> offline.isDone() && outbox.size() == 0, SHUTDOWN_STEP);
            }
            runOnControl(this::disconnect);
        }
        pending.failAll(new IllegalStateException("MQTT connection closed"));
        control.shutdownNow();
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
        return enqueue(topic, message(payload, qos, retained, null), false);
    }

    /** QoS 1, not retained. */
    public CompletableFuture<Void> publish(String topic, byte[] payload) {
        return publish(topic, payload, 1, false);
    }

    /** Encodes a message record as the stack's JSON (Hermes wire conventions) and publishes it. */
    public CompletableFuture<Void> publishJson(String topic, Object message, int qos, boolean retained) {
        return enqueue(topic, message(codec.encode(message), qos, retained, JSON), false);
    }

    /** QoS 1, not retained. */
    public CompletableFuture<Void> publishJson(String topic, Object message) {
        return publishJson(topic, message, 1, false);
    }

    /**
     * State the module announces about itself (what it offers, e.g. the tts module's presets): published
     * retained (QoS 1, JSON) now when connected, and again on every (re)connect, before the online status. So a
     * broker that lost its retained messages gets it back, and whoever sees the module online also finds it.
     * The last message per topic wins; it stays on the broker when the module stops. Failures are logged.
     */
    public void retainJson(String topic, Object message) {
        checkTopic(topic);
        byte[] payload = codec.encode(message);
        executeOnControl(() -> {
            retainedState.put(topic, payload);
            if (connected) {
                if (!outbox.offer(retainedItem(topic, payload))) {
                    LOG.warn("MQTT offline buffer full: retained {} goes out on the next connect", topic);
                }
                drain();
            }
        });
    }

    /**
     * MQTT 5 request: publishes with response topic {@code chorus/reply/<module>/<uuid>} and the uuid as
     * correlation data, and completes with the first reply. Fails with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}.
     */
    public CompletableFuture<InboundMessage> request(String topic, byte[] payload, Duration timeout) {
        return request(topic, payload, timeout, null);
    }

    public CompletableFuture<InboundMessage> requestJson(String topic, Object message, Duration timeout) {
        return request(topic, codec.encode(message), timeout, JSON);
    }

    /** Answers a request received by a listener: publishes to its response topic with its correlation data. */
    public CompletableFuture<Void> reply(InboundMessage request, byte[] payload) {
        return reply(request, payload, null);
    }

    public CompletableFuture<Void> replyJson(InboundMessage request, Object message) {
        return reply(request, codec.encode(message), JSON);
    }

    // ---- state -----------------------------------------------------------------------------------

    public boolean isConnected() {
        return connected;
    }

    public MqttStatus status() {
        return new MqttStatus(connected, settings.mqttUri().toString(), settings.mqttClientId(), stateSince,
                lastError, outbox.size());
    }

    /** Filters the broker refused to subscribe (ACL); they stay refused until the module restarts. */
    public Set<String> refusedFilters() {
        return Set.copyOf(refusedFilters);
    }

    public ModuleSettings settings() {
        return settings;
    }

    public JsonCodec codec() {
        return codec;
    }

    // ---- internals -------------------------------------------------------------------------------

    private CompletableFuture<InboundMessage> request(String topic, byte[] payload, Duration timeout, String contentType) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<InboundMessage> answer = pending.register(id, timeout);
        MqttMessage m = message(payload, 1, false, contentType);
        m.getProperties().setResponseTopic(Topics.reply(settings.module(), id));
        m.getProperties().setCorrelationData(id.getBytes(StandardCharsets.UTF_8));
        enqueue(topic, m, false).whenComplete((ok, e) -> {
            if (e != null) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    private CompletableFuture<Void> reply(InboundMessage request, byte[] payload, String contentType) {
        if (request.responseTopic() == null) {
            return CompletableFuture.failedFuture(
                    new IllegalArgumentException("message on " + request.topic() + " has no response topic"));
        }
        MqttMessage m = message(payload, 1, false, contentType);
        if (request.correlationData() != null) {
            m.getProperties().setCorrelationData(request.correlationData().clone());
        }
        return enqueue(request.responseTopic(), m, false);
    }

    private Subscriptions.Group register(MessageListener listener) {
        return subscriptions.add(listener.topicFilter(), listener.qos(), new Subscriptions.Handler(
                listener.getClass().getName(), m -> handleRaw(listener, m), new SerialExecutor(workers)));
    }

    private Subscriptions.Group register(JsonListener<?> listener) {
        return subscriptions.add(listener.topicFilter(), listener.qos(), new Subscriptions.Handler(
                listener.getClass().getName(), m -> handleJson(listener, m), new SerialExecutor(workers)));
    }

    private void handleRaw(MessageListener listener, InboundMessage message) {
        try {
            listener.onMessage(message);
        } catch (Throwable t) {
            handlerFailed(message, t);
        }
    }

    private <T> void handleJson(JsonListener<T> listener, InboundMessage message) {
        int limit = settings.maxMessageBytes();
        if (message.payload().length > limit) {
            errors.report(message, "payload too large: " + message.payload().length + " bytes, limit " + limit
                    + " (CHORUS_MAX_MESSAGE_BYTES)", Optional.empty());
            return;
        }
        T decoded;
        try {
            decoded = codec.decode(message.payload(), listener.messageType());
        } catch (DecodeException e) {
            errors.report(message, e.getMessage(), e.tree());
            return;
        } catch (RuntimeException e) {
            errors.report(message, "cannot decode " + listener.messageType().getSimpleName() + ": " + e, Optional.empty());
            return;
        }
        try {
            listener.onMessage(message, decoded);
        } catch (Throwable t) {
            handlerFailed(message, t);
        }
    }

    private void handlerFailed(InboundMessage message, Throwable t) {
        if (t instanceof OutOfMemoryError oom) {
            throw oom;
        }
        LOG.debug("handler for {} failed", message.topic(), t);
        String text = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        errors.report(message, t.getClass().getSimpleName() + text,
                message.payload().length <= settings.maxMessageBytes() ? codec.tryParseObject(message.payload()) : Optional.empty());
    }

    private void onReply(InboundMessage reply) {
        if (!pending.complete(reply)) {
            LOG.debug("reply on {} has no waiting request (late or from before a restart)", reply.topic());
        }
    }

    private boolean handlersIdle() {
        return subscriptions.idle();
    }

    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            throw new IllegalArgumentException("not a valid topic to publish to: \"" + topic + "\"");
        }
    }

    private Outbox.Item retainedItem(String topic, byte[] payload) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((ok, e) -> {
            if (e != null) {
                LOG.warn("cannot publish retained {}: {}", topic, describe(e));
            }
        });
        return new Outbox.Item(topic, message(payload, 1, true, JSON), done);
    }

    private CompletableFuture<Void> enqueue(String topic, MqttMessage message, boolean front) {
        checkTopic(topic);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Outbox.Item item = new Outbox.Item(topic, message, done);
        if (front) {
            outbox.pushFront(item);
        } else if (closing && !linkUp) {
            return CompletableFuture.failedFuture(new IllegalStateException("MQTT connection closed"));
        } else if (!outbox.offer(item)) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "MQTT offline buffer full (" + outbox.capacity() + " messages), not published: " + topic));
        }
        executeOnControl(this::drain);
        return done;
    }

    private static MqttMessage message(byte[] payload, int qos, boolean retained, String contentType) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        MqttMessage m = new MqttMessage(payload.clone(), qos, retained, new MqttProperties());
        if (contentType != null) {
            m.getProperties().setContentType(contentType);
        }
        return m;
    }

    private ModuleStatus status(String state) {
        return ModuleStatus.of(settings.module(), settings.instance(), settings.version(), state, clock.instant());
    }

    // -- control thread

    private void connect() {
        if (closing || linkUp) {
            return;
        }
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    MqttProperties props = token.getResponseProperties();
                    executeOnControl(() -> connectAccepted(props));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    executeOnControl(() -> connectFailed(e));
                }
            });
        } catch (MqttException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setUserName(settings.mqttUsername());
        o.setPassword(settings.mqttPassword().bytes());
        o.setAutomaticReconnect(false); // our own loop: Paho's only starts after a first successful connect
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if ("tcp".equals(settings.mqttUri().getScheme())) {
            o.setSocketFactory(NoDelaySocketFactory.INSTANCE);
        }
        MqttMessage will = new MqttMessage(codec.encode(status(ModuleStatus.OFFLINE)), 1, true, new MqttProperties());
        o.setWill(Topics.status(settings.module()), will);
        MqttProperties willProps = new MqttProperties();
        willProps.setContentType(JSON);
        o.setWillMessageProperties(willProps);
        return o;
    }

    private void connectAccepted(MqttProperties props) {
        if (props != null) {
            Integer receiveMaximum = props.getReceiveMaximum();
            inFlightLimit = receiveMaximum == null ? MAX_IN_FLIGHT : Math.max(1, Math.min(MAX_IN_FLIGHT, receiveMaximum / 2));
            subscriptionIdsAvailable = props.isSubscriptionIdentifiersAvailable();
        }
    }

    private void connectFailed(Throwable e) {
        String why = describe(e);
        boolean news = !why.equals(lastError);
        lastError = why;
        scheduleReconnect(news ? "MQTT connect to " + settings.mqttUri() + " failed: " + why : null);
    }

    private void scheduleReconnect(String warning) {
        if (closing) {
            return;
        }
        long delay = backoff.nextDelayMillis();
        if (warning != null) {
            LOG.warn("{}; retrying in {} ms", warning, delay);
        } else {
            LOG.debug("MQTT reconnect in {} ms", delay);
        }
        try {
            control.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("not reconnecting: shutting down");
        }
    }

    private void connected() {
        linkUp = true;
        generation++;
        lastError = null;
        backoff.reset();
        inFlight = 0;
        List<Subscriptions.Group> groups = subscriptions.groups();
        subacksPending = groups.size();
        for (Subscriptions.Group group : groups) {
            subscribe(group, generation, true);
        }
        drain();
    }

    /** Online only once subscribed: whoever sees the status may publish to us. */
    private void ready() {
        connected = true;
        stateSince = clock.instant();
        LOG.info("MQTT connected to {} (client id {}), {} subscriptions", settings.mqttUri(),
                settings.mqttClientId(), subscriptions.groups().size());
        if (!closing) {
            CompletableFuture<Void> online = new CompletableFuture<>();
            online.whenComplete((ok, e) -> {
                if (e != null) {
                    LOG.warn("cannot publish online status: {}", describe(e));
                }
            });
            outbox.pushFront(new Outbox.Item(Topics.status(settings.module()),
                    message(codec.encode(status(ModuleStatus.ONLINE)), 1, true, JSON), online));
            // the module's retained state ahead of its online status, in announcement order
            List<Map.Entry<String, byte[]>> state = new ArrayList<>(retainedState.entrySet());
            for (int i = state.size() - 1; i >= 0; i--) {
                outbox.pushFront(retainedItem(state.get(i).getKey(), state.get(i).getValue()));
            }
        }
        drain();
    }

    private void connectionLost(String why) {
        boolean was = linkUp;
        linkUp = false;
        connected = false;
        stateSince = clock.instant();
        lastError = why;
        inFlight = 0;
        if (closing) {
            return;
        }
        scheduleReconnect(was ? "MQTT connection lost: " + why : null);
    }

    private void subscribeIfConnected(Subscriptions.Group group) {
        if (group != null) {
            executeOnControl(() -> {
                if (linkUp) {
                    subscribe(group, generation, false);
                }
            });
        }
    }

    private void subscribe(Subscriptions.Group group, int connection, boolean counted) {
        MqttProperties props = new MqttProperties();
        if (subscriptionIdsAvailable) {
            props.setSubscriptionIdentifier(group.subscriptionId);
        }
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(group.filter, group.qos)}, null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            int[] codes = token.getReasonCodes();
                            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                                refusedFilters.add(group.filter);
                                LOG.error("broker refused subscription to {} (reason code {}); check the ACL for {}",
                                        group.filter, codes[0], settings.mqttUsername());
                            } else {
                                refusedFilters.remove(group.filter);
                            }
                            executeOnControl(() -> subscribed(connection, counted));
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable e) {
                            LOG.warn("subscribe to {} failed: {}", group.filter, describe(e));
                            executeOnControl(() -> subscribed(connection, counted));
                        }
                    }, props);
        } catch (MqttException | RuntimeException e) {
            LOG.warn("subscribe to {} failed: {}", group.filter, describe(e));
            executeOnControl(() -> subscribed(connection, counted));
        }
    }

    private void subscribed(int connection, boolean counted) {
        if (counted && connection == generation && linkUp && --subacksPending == 0) {
            ready();
        }
    }

    private void drain() {
        while (linkUp && inFlight < inFlightLimit) {
            Outbox.Item item = outbox.poll();
            if (item == null) {
                return;
            }
            inFlight++;
            try {
                client.publish(item.topic, item.message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        // a refused QoS 1 publish (PUBACK >= 0x80, e.g. 135 by the ACL) is a "success" for Paho
                        int[] codes = token.getReasonCodes();
                        Throwable refused = codes != null && codes.length > 0 && codes[0] >= 0x80
                                ? new IllegalStateException("broker refused publish to " + item.topic
                                + " (reason code " + codes[0] + ")") : null;
                        executeOnControl(() -> published(item, refused));
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        executeOnControl(() -> published(item, e));
                    }
                });
            } catch (MqttException e) {
                inFlight--;
                int code = e.getReasonCode();
                if (code == MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED
                        || code == MqttClientException.REASON_CODE_MAX_INFLIGHT
                        || code == MqttClientException.REASON_CODE_CLIENT_DISCONNECTING) {
                    outbox.pushFront(item); // try again on the next completion or connect
                    return;
                }
                settle(item, e);
            } catch (RuntimeException e) {
                inFlight--;
                settle(item, e);
            }
        }
    }

    private void published(Outbox.Item item, Throwable error) {
        if (item.settle()) {
            inFlight = Math.max(0, inFlight - 1);
            complete(item.done, error);
        }
        drain();
    }

    private void settle(Outbox.Item item, Throwable error) {
        if (item.settle()) {
            complete(item.done, error);
        }
    }

    /** Completes on a worker, never on Paho's or the control thread, so callers' continuations may block. */
    private void complete(CompletableFuture<Void> done, Throwable error) {
        Runnable r = error == null ? () -> done.complete(null) : () -> done.completeExceptionally(error);
        try {
            workers.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    private void disconnect() {
        MqttAsyncClient c = client;
        linkUp = false;
        connected = false;
        try {
            if (c.isConnected()) {
                c.disconnect(1000, null, null, 0, new MqttProperties()).waitForCompletion(SHUTDOWN_STEP.toMillis());
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", describe(e));
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", describe(e));
        }
    }

    private void executeOnControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("control thread stopped, dropping a task");
        }
    }

    private void runOnControl(Runnable task) {
        try {
            control.submit(task).get(SHUTDOWN_STEP.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("MQTT shutdown step failed: {}", e.toString());
        }
    }

    private static void awaitQuietly(java.util.function.BooleanSupplier condition, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        StringBuilder out = new StringBuilder();
        while (t != null && out.length() < 300) {
            if (out.length() > 0) {
                out.append(" <- ");
            }
            String msg = t.getMessage();
            out.append(msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg.strip());
            if (t instanceof MqttException me && me.getReasonCode() > 0) {
                out.append(" (").append(me.getReasonCode()).append(')');
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return out.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Paho's global callback, set before connect: messages of a resumed session arrive before any subscribe. */
    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            MqttProperties p = m.getProperties() == null ? new MqttProperties() : m.getProperties();
            List<InboundMessage.UserProperty> userProps = new ArrayList<>();
            if (p.getUserProperties() != null) {
                for (UserProperty up : p.getUserProperties()) {
                    userProps.add(new InboundMessage.UserProperty(up.getKey(), up.getValue()));
                }
            }
            InboundMessage message = new InboundMessage(topic, m.getPayload(), m.getQos(), m.isRetained(),
                    m.isDuplicate(), p.getResponseTopic(), p.getCorrelationData(), userProps, p.getContentType());
            List<Integer> ids = p.getSubscriptionIdentifiers() == null ? List.of() : p.getSubscriptionIdentifiers();
            if (!subscriptions.dispatch(message, ids)) {
                LOG.debug("no listener for {}", topic);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            executeOnControl(ChorusMqtt.this::connected);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getException() != null ? describe(response.getException())
                    : "broker sent DISCONNECT reason " + response.getReturnCode()
                    + (response.getReasonString() != null ? " (" + response.getReasonString() + ")" : "");
            executeOnControl(() -> connectionLost(why));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT error: {}", describe(exception));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // publish futures complete through their own action listeners
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }
}
