package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.Backoff;
import dev.chorus.client.CaTrust;
import dev.chorus.client.NoDelaySocketFactory;
import dev.chorus.client.OutgoingMessage;
import dev.chorus.client.PahoMessages;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MqttStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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

/**
 * The module's one MQTT v5 connection (Paho {@link MqttAsyncClient}) as a state machine on a single control
 * thread: connect, and on failure or loss reconnect with back-off (Paho's automatic reconnect only starts
 * after a first successful connect); on every connect subscribe every {@link Subscriptions} group again,
 * and once all are acknowledged call {@code onReady}; send the {@link Outbox} within the in-flight window.
 *
 * <p>Persistent session: clean start off, session expiry and client id from the settings. Paho's callbacks
 * only hand work to the control thread; publish futures complete on {@code completions}.
 */
public final class MqttConnection {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    public static final int OUTBOX_CAPACITY = 1000;
    /** Stay below the broker's receive maximum: Paho refuses, rather than queues, publishes beyond it. */
    static final int MAX_IN_FLIGHT = 32;

    private static final long SHUTDOWN_STEP_MS = 3_000;

    private final ModuleSettings settings;
    private final Subscriptions subscriptions;
    private final Executor completions;
    private final Supplier<OutgoingMessage> will;
    private final Runnable onReady;
    private final Clock clock;
    private final ScheduledExecutorService control;
    private final Outbox outbox = new Outbox(OUTBOX_CAPACITY);
    private final Backoff backoff;
    private final Set<String> refusedFilters = ConcurrentHashMap.newKeySet();
    private final InOrderAcks acks = new InOrderAcks(this::sendAck);
    private final MqttMetrics metrics;

    // written on the control thread only
    private MqttAsyncClient client;
    private int inFlight;
    private int inFlightLimit = MAX_IN_FLIGHT;
    private boolean subscriptionIdsAvailable = true;
    private int generation; // counts connections, so late SUBACKs of an older one are ignored
    private int subacksPending;

    private volatile boolean closing;
    /** TCP/MQTT session up: publishes flow. */
    private volatile boolean linkUp;
    /** Link up and every subscription acknowledged: what health and {@link #isConnected()} report. */
    private volatile boolean connected;

    private volatile Instant stateSince;
    private volatile String lastError;

    /**
     * @param will        the will, asked for at every connect (its status carries the time of that connect)
     * @param onReady     called on the control thread when a connection is up and subscribed
     * @param completions where publish futures complete: never Paho's or the control thread, so that
     *                    callers may chain blocking work on them
     */
    public MqttConnection(
            ModuleSettings settings,
            Subscriptions subscriptions,
            Executor completions,
            Supplier<OutgoingMessage> will,
            Runnable onReady,
            Clock clock,
            MqttMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.completions = completions;
        this.will = will;
        this.onReady = onReady;
        this.clock = clock;
        this.stateSince = clock.instant();
        this.backoff = new Backoff(settings.reconnectMaxDelay());
        AtomicInteger n = new AtomicInteger();
        String name = "chorus-mqtt-" + settings.module() + "-";
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates the Paho client and starts connecting in the background. */
    public void start() {
        try {
            client = new MqttAsyncClient(
                    settings.mqttUri().toString(), settings.mqttClientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(
                    "cannot create MQTT client for " + settings.mqttUri() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        // at least once: a QoS 1 message is acknowledged once handled or journaled, not when it arrives
        client.setManualAcks(true);
        LOG.info(
                "{} {} ({}) connecting to {} as {}",
                settings.module(),
                settings.version(),
                settings.instance(),
                settings.mqttUri(),
                settings.mqttUsername());
        control.execute(this::connect);
    }

    /**
     * Queues a publish; it is sent now or once connected. The future fails at once if the outbox is full or
     * the connection is closing and down. {@code front} puts it ahead of everything, capacity or not.
     */
    public CompletableFuture<Void> enqueue(OutgoingMessage message, boolean front) {
        OutgoingMessage.requireTopic(message.topic());
        CompletableFuture<Void> done = new CompletableFuture<>();
        Outbox.Item item = new Outbox.Item(message, done);
        if (front) {
            outbox.pushFront(item);
        } else if (closing && !linkUp) {
            return CompletableFuture.failedFuture(new IllegalStateException("MQTT connection closed"));
        } else if (!outbox.offer(item)) {
            metrics.error(MqttMetrics.ErrorKind.PUBLISH, message.topic());
            return CompletableFuture.failedFuture(new IllegalStateException("MQTT offline buffer full ("
                    + outbox.capacity() + " messages), not published: " + message.topic()));
        }
        executeOnControl(this::drain);
        return done;
    }

    /** Subscribes a group added after start, if connected (otherwise the next connect does). */
    public void subscribeNow(Subscriptions.Group group) {
        if (group != null) {
            executeOnControl(() -> {
                if (linkUp) {
                    subscribe(group, generation, false);
                }
            });
        }
    }

    /** From now on: no reconnects, no online status, and publishes fail while the link is down. */
    public void beginClose() {
        closing = true;
    }

    /** Disconnects normally (the broker keeps the session and drops the will) and stops the control thread. */
    public void disconnect() {
        if (client != null) {
            runOnControl(this::disconnectNow);
        }
        control.shutdownNow();
    }

    public boolean linkUp() {
        return linkUp;
    }

    public boolean isConnected() {
        return connected;
    }

    public int queued() {
        return outbox.size();
    }

    public MqttStatus status() {
        return new MqttStatus(
                connected,
                settings.mqttUri().toString(),
                settings.mqttClientId(),
                stateSince,
                lastError,
                outbox.size());
    }

    /** Filters the broker refused to subscribe (ACL); they stay refused until the module restarts. */
    public Set<String> refusedFilters() {
        return Set.copyOf(refusedFilters);
    }

    // ---- control thread --------------------------------------------------------------------------

    private void connect() {
        if (closing || linkUp) {
            return;
        }
        acks.reset();
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
        } else if (settings.mqttCaFile() != null) {
            o.setSocketFactory(CaTrust.socketFactory(settings.mqttCaFile()));
        }
        OutgoingMessage w = will.get();
        o.setWill(w.topic(), new MqttMessage(w.payload(), w.qos(), w.retained(), new MqttProperties()));
        o.setWillMessageProperties(PahoMessages.toPaho(w).getProperties());
        return o;
    }

    private void connectAccepted(MqttProperties props) {
        if (props != null) {
            Integer receiveMaximum = props.getReceiveMaximum();
            inFlightLimit =
                    receiveMaximum == null ? MAX_IN_FLIGHT : Math.max(1, Math.min(MAX_IN_FLIGHT, receiveMaximum / 2));
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
        metrics.connected();
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
        LOG.info(
                "MQTT connected to {} (client id {}), {} subscriptions",
                settings.mqttUri(),
                settings.mqttClientId(),
                subscriptions.groups().size());
        if (!closing) {
            onReady.run();
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

    private void subscribe(Subscriptions.Group group, int connection, boolean counted) {
        MqttProperties props = new MqttProperties();
        if (subscriptionIdsAvailable) {
            props.setSubscriptionIdentifier(group.subscriptionId);
        }
        try {
            client.subscribe(
                    new MqttSubscription[] {new MqttSubscription(group.filter, group.qos)},
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            int[] codes = token.getReasonCodes();
                            if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                                refusedFilters.add(group.filter);
                                LOG.error(
                                        "broker refused subscription to {} (reason code {}); check the ACL for {}",
                                        group.filter,
                                        codes[0],
                                        settings.mqttUsername());
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
                    },
                    props);
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
            OutgoingMessage m = item.message;
            try {
                client.publish(m.topic(), PahoMessages.toPaho(m), null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        // a refused QoS 1 publish (PUBACK >= 0x80, e.g. 135 by the ACL) is a "success" for Paho
                        int[] codes = token.getReasonCodes();
                        Throwable refused = codes != null && codes.length > 0 && codes[0] >= 0x80
                                ? new IllegalStateException(
                                        "broker refused publish to " + m.topic() + " (reason code " + codes[0] + ")")
                                : null;
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
            count(item, error);
            complete(item.done, error);
        }
        drain();
    }

    private void settle(Outbox.Item item, Throwable error) {
        if (item.settle()) {
            count(item, error);
            complete(item.done, error);
        }
    }

    private void count(Outbox.Item item, Throwable error) {
        if (error == null) {
            metrics.sent(item.message.topic());
        } else {
            metrics.error(MqttMetrics.ErrorKind.PUBLISH, item.message.topic());
        }
    }

    private void complete(CompletableFuture<Void> done, Throwable error) {
        Runnable r = error == null ? () -> done.complete(null) : () -> done.completeExceptionally(error);
        try {
            completions.execute(r);
        } catch (RejectedExecutionException e) {
            r.run();
        }
    }

    /** A message's handlers are done: its PUBACK, on this thread, unless its connection is gone. */
    private void sendAck(int epoch, int messageId, int qos) {
        executeOnControl(() -> {
            if (!acks.current(epoch)) {
                return; // the broker sends the message again on the next connection
            }
            try {
                client.messageArrivedComplete(messageId, qos);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("ack of message {} not sent: {}", messageId, describe(e));
            }
        });
    }

    /** Received messages whose ack has not gone out yet (handlers still running, or behind one that is). */
    public int acksWaiting() {
        return acks.waiting();
    }

    private void disconnectNow() {
        MqttAsyncClient c = client;
        linkUp = false;
        connected = false;
        try {
            if (c.isConnected()) {
                c.disconnect(1000, null, null, 0, new MqttProperties()).waitForCompletion(SHUTDOWN_STEP_MS);
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
            control.submit(task).get(SHUTDOWN_STEP_MS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("MQTT shutdown step failed: {}", e.toString());
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

    /** Paho's global callback, set before connect: messages of a resumed session arrive before any subscribe. */
    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage m) {
            metrics.received(topic);
            MqttProperties p = m.getProperties() == null ? new MqttProperties() : m.getProperties();
            List<InboundMessage.UserProperty> userProps = new ArrayList<>();
            if (p.getUserProperties() != null) {
                for (UserProperty up : p.getUserProperties()) {
                    userProps.add(new InboundMessage.UserProperty(up.getKey(), up.getValue()));
                }
            }
            InboundMessage message = new InboundMessage(
                    topic,
                    m.getPayload(),
                    m.getQos(),
                    m.isRetained(),
                    m.isDuplicate(),
                    p.getResponseTopic(),
                    p.getCorrelationData(),
                    userProps,
                    p.getContentType());
            List<Integer> ids = p.getSubscriptionIdentifiers() == null ? List.of() : p.getSubscriptionIdentifiers();
            Runnable ack = m.getQos() == 0 ? () -> {} : acks.arrived(m.getId(), m.getQos())::release;
            if (!subscriptions.dispatch(message, ids, ack)) {
                LOG.debug("no listener for {}", topic);
            }
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            executeOnControl(MqttConnection.this::connected);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            // at once, on Paho's thread: no ack of this connection may go out on the next one
            acks.reset();
            String why = response.getException() != null
                    ? describe(response.getException())
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
