package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.SerialExecutor;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import dev.chorus.runtime.mqtt.MessageListener;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners and what happens to a message on its way to one: each listener gets its own serial executor on
 * the shared worker pool (one call at a time, in arrival order, never on Paho's thread), or shares one with
 * the listeners that name the same {@link MessageListener#queue()}; JSON listeners get
 * the payload decoded by the stack's strict rules; payloads too large or undecodable, and handlers that
 * throw, are reported through the {@link ErrorReporter} instead.
 */
public final class ListenerDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatch.class);

    private final Subscriptions subscriptions;
    private final Executor workers;
    private final JsonCodec codec;
    private final int maxMessageBytes;
    private final ErrorReporter errors;
    private final Map<String, SerialExecutor> queues = new ConcurrentHashMap<>();
    private final MqttMetrics metrics;

    /**
     * @param subscriptions where listeners are registered; the connection dispatches incoming messages to it
     * @param errorPublisher publishes the error reports (chorus/error/&lt;module&gt;, Hermes error topics)
     */
    public ListenerDispatch(
            String module,
            int maxMessageBytes,
            JsonCodec codec,
            Subscriptions subscriptions,
            Executor workers,
            ErrorReporter.JsonPublisher errorPublisher,
            Clock clock,
            MqttMetrics metrics) {
        this.metrics = metrics;
        this.subscriptions = subscriptions;
        this.workers = workers;
        this.codec = codec;
        this.maxMessageBytes = maxMessageBytes;
        this.errors = new ErrorReporter(module, errorPublisher, clock);
    }

    /** @return the group to subscribe when it is new or its QoS went up, else null */
    public Subscriptions.Group register(MessageListener listener) {
        return add(
                MqttMetrics.listenerName(listener.getClass()),
                listener.topicFilter(),
                listener.qos(),
                listener.queue(),
                m -> handleRaw(listener, m));
    }

    /** @return the group to subscribe when it is new or its QoS went up, else null */
    public Subscriptions.Group register(JsonListener<?> listener) {
        return add(
                MqttMetrics.listenerName(listener.getClass()),
                listener.topicFilter(),
                listener.qos(),
                listener.queue(),
                m -> handleJson(listener, m));
    }

    /** An internal handler (the replies); its exceptions are only logged. */
    public Subscriptions.Group register(String name, String filter, int qos, Consumer<InboundMessage> body) {
        return add(name, filter, qos, null, body);
    }

    /** No handler running and none queued. */
    public boolean idle() {
        return subscriptions.idle();
    }

    /** @param queue listeners naming the same queue share one serial executor; null: a queue of its own */
    private Subscriptions.Group add(String name, String filter, int qos, String queue, Consumer<InboundMessage> body) {
        SerialExecutor executor = queue == null
                ? new SerialExecutor(workers)
                : queues.computeIfAbsent(queue, q -> new SerialExecutor(workers));
        metrics.queue(queue == null ? name : queue, executor);
        LongConsumer latency = metrics.handler(name);
        Consumer<InboundMessage> timed = m -> {
            long start = System.nanoTime();
            try {
                body.accept(m);
            } finally {
                latency.accept(System.nanoTime() - start);
            }
        };
        return subscriptions.add(filter, qos, new Subscriptions.Handler(name, timed, executor));
    }

    private void handleRaw(MessageListener listener, InboundMessage message) {
        try {
            listener.onMessage(message);
        } catch (Throwable t) {
            handlerFailed(message, t);
        }
    }

    private <T> void handleJson(JsonListener<T> listener, InboundMessage message) {
        if (message.payload().length > maxMessageBytes) {
            metrics.error(MqttMetrics.ErrorKind.DECODE, message.topic());
            errors.report(
                    message,
                    "payload too large: " + message.payload().length + " bytes, limit " + maxMessageBytes
                            + " (CHORUS_MAX_MESSAGE_BYTES)",
                    Optional.empty());
            return;
        }
        T decoded;
        try {
            decoded = codec.decode(message.payload(), listener.messageType());
        } catch (DecodeException e) {
            metrics.error(MqttMetrics.ErrorKind.DECODE, message.topic());
            errors.report(message, e.getMessage(), e.tree());
            return;
        } catch (RuntimeException e) {
            metrics.error(MqttMetrics.ErrorKind.DECODE, message.topic());
            errors.report(
                    message, "cannot decode " + listener.messageType().getSimpleName() + ": " + e, Optional.empty());
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
        metrics.error(MqttMetrics.ErrorKind.HANDLER, message.topic());
        String text = t.getMessage() == null ? "" : ": " + t.getMessage().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        errors.report(
                message,
                t.getClass().getSimpleName() + text,
                message.payload().length <= maxMessageBytes
                        ? codec.tryParseObject(message.payload())
                        : Optional.empty());
    }
}
