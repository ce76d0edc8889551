package dev.chorus.client;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Addressed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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

/**
 * A small MQTT v5 client for tools and short-lived connections: the cli, the gateway's event streams, tests.
 * Modules use the runtime's {@code ChorusMqtt} instead (persistent session, reconnect, offline buffer).
 *
 * <pre>{@code
 * try (ChorusClient mqtt = ChorusClient.to("tcp://broker:1883").login("cli", password).connect()) {
 *     mqtt.subscribe(Topics.STATUS_FILTER, 1, m -> System.out.println(m.topic())).join();
 *     mqtt.publishJson(Topics.TTS_SAY, new TtsSay(...), 1, false).join();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>One connection, no reconnect: when it is lost, {@link #lost()} completes and later operations fail.</li>
 *   <li>Futures fail when the broker refuses (a PUBACK or SUBACK reason code of 0x80 or more, which Paho
 *       reports as success) with a {@link RefusedException} naming the topic or filters, and otherwise with a
 *       {@link ChorusClientException} whose one-line message says why, not what was tried: callers add that.</li>
 *   <li>Futures never complete on Paho's threads, and handlers never run there: both may block, including on
 *       this client's futures. Handlers run one at a time, in arrival order, across all subscriptions.</li>
 *   <li>TCP_NODELAY on {@code tcp://}; {@code ssl://} uses the JVM's trust store, or {@link ConnectOptions#tls}.</li>
 * </ul>
 */
public final class ChorusClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ChorusClient.class.getName());
    /**
     * Our in-flight limit, and at most half the broker's receive maximum: Paho counts its own window
     * separately and may free a slot only after our PUBACK callback ran (then it throws 32202).
     */
    private static final int MAX_IN_FLIGHT = 32;

    private static final long DISCONNECT_QUIESCE_MS = 500;
    private static final long DISCONNECT_WAIT_MS = 2_000;
    private static final long WINDOW_RETRY_MS = 10;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final MqttAsyncClient paho;
    private final String uri;
    private final String username;
    private final JsonCodec codec;
    /** Completes futures and runs handlers; idle threads end after a few seconds, so close() need not stop it. */
    private final ThreadPoolExecutor pool;

    private final SerialExecutor dispatch;
    private final SerialExecutor sending;
    private final PublishWindow<Publish> window;
    private final Routes routes = new Routes();
    private final Set<Publish> unsettled = ConcurrentHashMap.newKeySet();
    private final PendingReplies<ReceivedMessage> replies = new PendingReplies<>();
    private final CompletableFuture<String> lost = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private CompletableFuture<Void> replySubscription; // guarded by this
    private volatile String lostReason;

    private record Publish(OutgoingMessage message, CompletableFuture<Void> done) {}

    private ChorusClient(final MqttAsyncClient paho, final ConnectOptions b) {
        this.paho = paho;
        this.uri = b.uri;
        this.username = b.username;
        this.codec = b.codec != null ? b.codec : DefaultCodec.INSTANCE;
        final String threadName = "chorus-client-" + CLIENTS.incrementAndGet() + "-";
        final AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            final Thread t = new Thread(r, threadName + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatch = new SerialExecutor(pool);
        this.sending = new SerialExecutor(pool);
        final Executor retry = CompletableFuture.delayedExecutor(WINDOW_RETRY_MS, TimeUnit.MILLISECONDS, sending);
        this.window = new PublishWindow<>(MAX_IN_FLIGHT, this::send, () -> retry.execute(this::retrySending));
    }

    /** Starts describing a connection to {@code uri} ({@code tcp://host:port} or {@code ssl://host:port}). */
    public static ConnectOptions to(final String uri) {
        return new ConnectOptions(uri);
    }

    // ---- publishing ------------------------------------------------------------------------------

    /**
     * Publishes in submission order. The future completes when the broker acknowledged (QoS 1 and 2) or the
     * message was written (QoS 0).
     *
     * @throws IllegalArgumentException at once, for a topic with wildcards or an empty one
     */
    public CompletableFuture<Void> publish(final OutgoingMessage message) {
        OutgoingMessage.requireTopic(message.topic());
        if (closing.get()) {
            return CompletableFuture.failedFuture(new ChorusClientException("the MQTT client is closed"));
        }
        final Publish p = new Publish(message, new CompletableFuture<>());
        unsettled.add(p);
        sending.execute(() -> window.submit(p));
        return p.done;
    }

    public CompletableFuture<Void> publish(
            final String topic, final byte[] payload, final int qos, final boolean retained) {
        return publish(OutgoingMessage.of(topic, payload).withQos(qos).withRetained(retained));
    }

    /** Encodes a message record as the stack's JSON (content type {@code application/json}) and publishes it. */
    public CompletableFuture<Void> publishJson(
            final String topic, final Object message, final int qos, final boolean retained) {
        return publish(
                new OutgoingMessage(topic, codec.encode(message), qos, retained, OutgoingMessage.JSON, null, null));
    }

    /** Publishes a record that knows its topic ({@link Addressed}) as JSON, QoS 1, not retained. */
    public CompletableFuture<Void> publish(final Addressed message) {
        return publishJson(message.topic(), message, 1, false);
    }

    // ---- subscribing -----------------------------------------------------------------------------

    public CompletableFuture<Void> subscribe(
            final String filter, final int qos, final Consumer<ReceivedMessage> handler) {
        return subscribe(List.of(filter), qos, handler);
    }

    /**
     * Subscribes to all filters in one SUBSCRIBE; the handler gets every message on any of them (retained ones
     * included). Fails with a {@link RefusedException} naming the refused filters if the broker refuses any;
     * the granted ones stay subscribed.
     *
     * @throws IllegalArgumentException at once, for an invalid filter or QoS
     */
    public CompletableFuture<Void> subscribe(
            final List<String> filters, final int qos, final Consumer<ReceivedMessage> handler) {
        if (filters.isEmpty()) {
            throw new IllegalArgumentException("no topic filter to subscribe to");
        }
        for (final String f : filters) {
            if (!TopicFilters.isValidFilter(f)) {
                throw new IllegalArgumentException("not a valid MQTT topic filter: \"" + f + "\"");
            }
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
        if (closing.get()) {
            return CompletableFuture.failedFuture(new ChorusClientException("the MQTT client is closed"));
        }
        final List<String> wanted = List.copyOf(filters);
        routes.add(wanted, handler); // before the SUBSCRIBE: retained messages may come before its SUBACK callback
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final MqttSubscription[] subscriptions =
                wanted.stream().map(f -> new MqttSubscription(f, qos)).toArray(MqttSubscription[]::new);
        try {
            paho.subscribe(
                    subscriptions,
                    null,
                    new MqttActionListener() {
                        @Override
                        public void onSuccess(final IMqttToken token) {
                            subscribed(wanted, handler, token.getReasonCodes(), done);
                        }

                        @Override
                        public void onFailure(final IMqttToken token, final Throwable e) {
                            routes.remove(wanted, handler);
                            settle(done, failure(e));
                        }
                    },
                    new MqttProperties());
        } catch (MqttException | RuntimeException e) {
            routes.remove(wanted, handler);
            settle(done, failure(e));
        }
        return done;
    }

    /**
     * Like {@link #subscribe(String, int, Consumer)}, with each payload decoded into {@code type} by the stack's
     * strict JSON rules; payloads that do not decode are skipped (logged at DEBUG).
     */
    public <T> CompletableFuture<Void> subscribeJson(
            final String filter, final int qos, final Class<T> type, final BiConsumer<ReceivedMessage, T> handler) {
        return subscribe(filter, qos, m -> {
            final T decoded;
            try {
                decoded = codec.decode(m.payload(), type);
            } catch (DecodeException e) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        () -> "skipping " + m.topic() + ", not a " + type.getSimpleName() + ": " + e.getMessage());
                return;
            }
            handler.accept(m, decoded);
        });
    }

    // ---- request / reply -------------------------------------------------------------------------

    /**
     * MQTT 5 request: publishes with response topic {@code chorus/reply/<user>/<uuid>} and the uuid as
     * correlation data, and completes with the first reply. Subscribes to {@code chorus/reply/<user>/#} on
     * first use (every principal may, by the broker's ACL). Fails with a
     * {@link java.util.concurrent.TimeoutException} after {@code timeout}.
     */
    public CompletableFuture<ReceivedMessage> request(final OutgoingMessage message, final Duration timeout) {
        OutgoingMessage.requireTopic(message.topic());
        if (username == null) {
            throw new IllegalStateException("requests need a user name: replies come on chorus/reply/<user>/...");
        }
        final String id = UUID.randomUUID().toString();
        final CompletableFuture<ReceivedMessage> answer = replies.register(id, timeout);
        final OutgoingMessage request =
                message.withResponse(Topics.reply(username, id), id.getBytes(StandardCharsets.UTF_8));
        replySubscription().thenCompose(ok -> publish(request)).whenComplete((ok, e) -> {
            if (e != null) {
                answer.completeExceptionally(
                        e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause()
                                : e);
            }
        });
        return answer;
    }

    public CompletableFuture<ReceivedMessage> requestJson(
            final String topic, final Object message, final Duration timeout) {
        return request(
                new OutgoingMessage(topic, codec.encode(message), 1, false, OutgoingMessage.JSON, null, null), timeout);
    }

    // ---- state and closing -----------------------------------------------------------------------

    /** Completes, with the reason, when the broker or the network ends the connection; never on {@link #close()}. */
    public CompletableFuture<String> lost() {
        return lost.copy();
    }

    /** Why the connection was lost, or null while it is up (set before {@link #lost()} completes). */
    public String lostReason() {
        return lostReason;
    }

    public boolean isConnected() {
        return paho.isConnected();
    }

    /** The client id, the one the broker assigned if it was connected with an empty one. */
    public String clientId() {
        return paho.getClientId();
    }

    public String uri() {
        return uri;
    }

    public JsonCodec codec() {
        return codec;
    }

    /**
     * Disconnects normally (the broker discards the will) and fails whatever is still pending. Waits at most
     * about two seconds.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (paho.isConnected()) {
                paho.disconnect(DISCONNECT_QUIESCE_MS).waitForCompletion(DISCONNECT_WAIT_MS);
            }
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "disconnect: " + describe(e));
        }
        closeQuietly();
        final ChorusClientException closed = new ChorusClientException("the MQTT client is closed");
        replies.failAll(closed);
        for (final Publish p : List.copyOf(unsettled)) {
            settle(p, closed);
        }
    }

    /**
     * Waits for one of this client's futures, for blocking callers: returns its value, or throws the
     * {@link ChorusClientException} (or {@link IllegalArgumentException}...) it failed with; a
     * {@link ChorusClientException} after {@code timeout}.
     */
    public static <T> T await(final CompletableFuture<T> future, final Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            final Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof TimeoutException) {
                throw new ChorusClientException("no answer within " + timeout.toMillis() + " ms", 0, cause);
            }
            throw new ChorusClientException(describe(cause), 0, cause);
        } catch (TimeoutException e) {
            throw new ChorusClientException(
                    "no answer from the broker within " + timeout.toMillis() + " ms",
                    MqttClientException.REASON_CODE_CLIENT_TIMEOUT,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChorusClientException("interrupted", 0, e);
        }
    }

    // ---- internals -------------------------------------------------------------------------------

    /** Creates the Paho client and connects; {@link ConnectOptions#connect()} has checked the URI. */
    static ChorusClient open(final ConnectOptions options) {
        final String id = options.clientId != null
                ? options.clientId
                : (options.username == null ? "chorus" : options.username) + "-"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        final MqttAsyncClient paho;
        try {
            paho = new MqttAsyncClient(options.uri, id, new MemoryPersistence());
        } catch (MqttException e) {
            throw new ChorusClientException(describe(e), e.getReasonCode(), e);
        }
        final ChorusClient client = new ChorusClient(paho, options);
        paho.setCallback(client.new Callback());
        client.connect(options);
        return client;
    }

    private void connect(final ConnectOptions b) {
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(b.cleanStart);
        o.setSessionExpiryInterval(b.sessionExpiry.toSeconds());
        o.setAutomaticReconnect(false);
        if (b.username != null) {
            o.setUserName(b.username);
        }
        if (b.password != null) {
            o.setPassword(b.password);
        }
        o.setKeepAliveInterval(b.keepAliveSeconds);
        final int timeoutSeconds = (int) Math.max(1, b.connectTimeout.toSeconds());
        o.setConnectionTimeout(timeoutSeconds);
        if (b.uri.startsWith("tcp://")) {
            o.setSocketFactory(NoDelaySocketFactory.INSTANCE);
        } else if (b.tls != null) {
            o.setSocketFactory(b.tls);
        }
        try {
            final IMqttToken token = paho.connect(o);
            token.waitForCompletion((timeoutSeconds + 2) * 1000L);
            final Integer receiveMaximum = token.getResponseProperties() == null
                    ? null
                    : token.getResponseProperties().getReceiveMaximum();
            if (receiveMaximum != null) {
                final int limit = Math.min(MAX_IN_FLIGHT, receiveMaximum / 2);
                sending.execute(() -> window.limit(limit));
            }
        } catch (MqttException e) {
            closing.set(true);
            closeQuietly();
            throw new ChorusClientException(describe(e), e.getReasonCode(), e);
        }
    }

    private PublishWindow.Outcome send(final Publish p) {
        final OutgoingMessage m = p.message;
        if (!unsettled.contains(p)) {
            return PublishWindow.Outcome.SETTLED; // failed by close()
        }
        try {
            paho.publish(m.topic(), PahoMessages.toPaho(m), null, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    final int[] codes = token.getReasonCodes();
                    final int code = codes != null && codes.length > 0 ? codes[0] : 0;
                    settle(
                            p,
                            m.qos() > 0 && code >= 0x80
                                    ? new RefusedException(
                                            "the broker refused the message on " + m.topic() + " (reason code 0x"
                                                    + Integer.toHexString(code) + ")",
                                            code,
                                            List.of())
                                    : null);
                    sending.execute(window::completed);
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable e) {
                    settle(p, failure(e));
                    sending.execute(window::completed);
                }
            });
            return PublishWindow.Outcome.SENT;
        } catch (MqttException e) {
            if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                return PublishWindow.Outcome.WINDOW_FULL;
            }
            settle(p, failure(e));
            return PublishWindow.Outcome.SETTLED;
        } catch (RuntimeException e) {
            settle(p, e);
            return PublishWindow.Outcome.SETTLED;
        }
    }

    private void retrySending() {
        window.drain();
    }

    private void subscribed(
            final List<String> filters,
            final Consumer<ReceivedMessage> handler,
            final int[] codes,
            final CompletableFuture<Void> done) {
        final List<String> refused = new ArrayList<>();
        int refusal = 0;
        for (int i = 0; i < filters.size(); i++) {
            final boolean missing = codes != null && i >= codes.length;
            if (missing || codes != null && codes[i] >= 0x80) {
                refused.add(filters.get(i));
                refusal = missing ? refusal : codes[i];
            }
        }
        if (refused.isEmpty()) {
            settle(done, null);
            return;
        }
        routes.remove(refused, handler);
        settle(
                done,
                new RefusedException(
                        "the broker refused the subscription to " + String.join(", ", refused) + " (reason code 0x"
                                + Integer.toHexString(refusal) + ")",
                        refusal,
                        refused));
    }

    private synchronized CompletableFuture<Void> replySubscription() {
        if (replySubscription == null || replySubscription.isCompletedExceptionally()) {
            replySubscription = subscribe(Topics.replyFilter(username), 1, this::onReply);
        }
        return replySubscription;
    }

    private void onReply(final ReceivedMessage reply) {
        // completed on the pool: a caller that chains another request on it must not hold up dispatch
        complete(() -> {
            if (!replies.complete(PendingReplies.idOf(reply.topic(), reply.correlationData()), reply)) {
                LOG.log(System.Logger.Level.DEBUG, () -> "reply on " + reply.topic() + " has no waiting request");
            }
        });
    }

    private void settle(final Publish p, final Throwable error) {
        unsettled.remove(p);
        settle(p.done, error);
    }

    /** Completes on the pool, never on Paho's thread or the caller's, so continuations may block. */
    private <T> void settle(final CompletableFuture<T> future, final Throwable error) {
        complete(error == null ? () -> future.complete(null) : () -> future.completeExceptionally(error));
    }

    private void complete(final Runnable r) {
        try {
            pool.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            r.run();
        }
    }

    private void closeQuietly() {
        try {
            paho.close(true);
        } catch (MqttException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "close: " + describe(e));
        }
    }

    /** Without context: the caller knows what it was doing, and says so (a refusal names its topic itself). */
    private static ChorusClientException failure(final Throwable e) {
        if (e instanceof ChorusClientException ce) {
            return ce;
        }
        final int code = e instanceof MqttException me ? me.getReasonCode() : 0;
        return new ChorusClientException(describe(e), code, e);
    }

    /** One line: Paho's message, its cause, and plain words for a refused login. */
    static String describe(final Throwable e) {
        final StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        if (e instanceof MqttException me && ChorusClientException.isLoginRefusal(me.getReasonCode())) {
            text.setLength(0);
            text.append("the broker refused the login (bad user name or password, or not authorised)");
        }
        final Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** Paho's global callback: every message goes through {@link Routes}, in arrival order. */
    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(final String topic, final MqttMessage m) {
            final List<Consumer<ReceivedMessage>> handlers = routes.handlersFor(topic);
            if (handlers.isEmpty()) {
                LOG.log(System.Logger.Level.DEBUG, () -> "no handler for " + topic);
                return;
            }
            final ReceivedMessage message = PahoMessages.fromPaho(topic, m);
            dispatch.execute(() -> {
                for (final Consumer<ReceivedMessage> handler : handlers) {
                    try {
                        handler.accept(message);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "handler for " + topic + " failed: " + e, e);
                    }
                }
            });
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            String why = response.getReasonString();
            if (why == null) {
                why = response.getException() != null
                        ? describe(response.getException())
                        : "the broker sent DISCONNECT with reason code 0x"
                                + Integer.toHexString(response.getReturnCode());
            }
            if (closing.get()) {
                return;
            }
            final String reason = why;
            lostReason = reason;
            replies.failAll(new ChorusClientException("MQTT connection lost: " + reason));
            dispatch.execute(() -> lost.complete(reason)); // after the messages that came before it
        }

        @Override
        public void mqttErrorOccurred(final MqttException exception) {
            LOG.log(System.Logger.Level.DEBUG, () -> "MQTT error: " + describe(exception));
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // publish futures complete through their own action listeners
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            // connect() waits on its token
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // no enhanced authentication
        }
    }

    /** Built on first use: making a mapper costs tens of milliseconds, and event streams never need one. */
    private static final class DefaultCodec {
        static final JsonCodec INSTANCE = JsonCodec.standalone();
    }
}
