package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.OutgoingMessage;
import dev.chorus.client.PendingReplies;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.mqtt.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 request/reply. A request carries response topic {@code chorus/reply/<module>/<uuid>} and the uuid as
 * correlation data; the module subscribes {@code chorus/reply/<module>/#} (its {@link #replyFilter()}) and
 * the first reply completes the request. A reply goes to the request's response topic with its correlation data.
 */
public final class RequestReply {

    private static final Logger LOG = LoggerFactory.getLogger(RequestReply.class);

    /** A request ready to publish and the future of its reply. */
    public record Request(OutgoingMessage message, CompletableFuture<InboundMessage> answer) {}

    private final String module;
    private final PendingReplies<InboundMessage> pending = new PendingReplies<>();

    public RequestReply(String module) {
        this.module = module;
    }

    public String replyFilter() {
        return Topics.replyFilter(module);
    }

    /** Registers a request; its answer fails with a {@link java.util.concurrent.TimeoutException} after {@code timeout}. */
    public Request prepare(OutgoingMessage message, Duration timeout) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<InboundMessage> answer = pending.register(id, timeout);
        return new Request(message.withResponse(Topics.reply(module, id), id.getBytes(StandardCharsets.UTF_8)), answer);
    }

    /**
     * The answer to {@code request}: QoS 1 to its response topic, with its correlation data.
     *
     * @throws IllegalArgumentException when the request has no response topic
     */
    public static OutgoingMessage replyTo(InboundMessage request, byte[] payload, String contentType) {
        if (request.responseTopic() == null) {
            throw new IllegalArgumentException("message on " + request.topic() + " has no response topic");
        }
        return new OutgoingMessage(
                request.responseTopic(),
                payload,
                1,
                false,
                contentType,
                null,
                request.correlationData() == null
                        ? null
                        : request.correlationData().clone());
    }

    /** A message on the {@link #replyFilter()}. */
    public void onReply(InboundMessage reply) {
        if (!pending.complete(PendingReplies.idOf(reply.topic(), reply.correlationData()), reply)) {
            LOG.debug("reply on {} has no waiting request (late or from before a restart)", reply.topic());
        }
    }

    public void failAll(Throwable reason) {
        pending.failAll(reason);
    }
}
