package dev.chorus.runtime.mqtt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.HermesErrorRoute;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.Hermes;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.PayloadExcerpt;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a message a handler could not take into {@code chorus/error/<module>} and, for Hermes/Rhasspy
 * topics, the matching Hermes error.
 */
public final class ErrorReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    public interface JsonPublisher {
        void publishJson(String topic, Object message);
    }

    private final String module;
    private final JsonPublisher publisher;
    private final Clock clock;

    public ErrorReporter(String module, JsonPublisher publisher, Clock clock) {
        this.module = module;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @param tree the payload as a JSON object when it was one, for siteId/context/sessionId
     */
    public void report(InboundMessage message, String error, Optional<ObjectNode> tree) {
        String topic = message.topic();
        LOG.warn("{}: {}", topic, error);
        if (isErrorTopic(topic)) {
            return; // reporting a failed error report would feed on itself (a module that watches chorus/error/+)
        }
        publisher.publishJson(
                Topics.error(module),
                ChorusError.of(topic, error, PayloadExcerpt.of(message.payload()), clock.instant()));
        Topics.hermesErrorRoute(topic)
                .ifPresent(route -> publisher.publishJson(route.errorTopic(), hermesError(topic, error, tree, route)));
    }

    static HermesError hermesError(String topic, String error, Optional<ObjectNode> tree, HermesErrorRoute route) {
        String siteId = text(tree, "siteId").or(() -> Topics.siteIdOf(topic)).orElse(Hermes.DEFAULT_SITE_ID);
        String context = text(tree, route.contextKey())
                .or(() -> Topics.variableOf(topic, route.contextKey()))
                .orElse(null);
        String sessionId = text(tree, "sessionId")
                .or(() -> Topics.variableOf(topic, "sessionId"))
                .orElse(null);
        return new HermesError(error, siteId, context, sessionId);
    }

    private static Optional<String> text(Optional<ObjectNode> tree, String key) {
        return tree.map(t -> t.get(key)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private static boolean isErrorTopic(String topic) {
        return topic.startsWith("chorus/error/")
                || topic.startsWith("hermes/error/")
                || topic.startsWith("rhasspy/error/");
    }
}
