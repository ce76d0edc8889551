package dev.chorus.protocol.messages;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.io.IOException;
import java.util.List;

/**
 * The {@code init} of a startSession: an action (listen for an intent) or a notification (just speak).
 * Decided by {@code init.type}, which must be present: {@code "notification"} or {@code "action"}.
 */
@JsonDeserialize(using = SessionInit.ByType.class)
public sealed interface SessionInit permits SessionInit.Action, SessionInit.Notification {

    String ACTION = "action";
    String NOTIFICATION = "notification";

    String type();

    String text();

    /**
     * Wire order canBeEnqueued, type, text, intentFilter, sendIntentNotRecognized.
     *
     * @param canBeEnqueued required: wait for a busy site (true) or abort its session (false)
     */
    @HermesMessage
    @JsonDeserialize // not the interface's deserializer
    record Action(
            Boolean canBeEnqueued, String type, String text, List<String> intentFilter, Boolean sendIntentNotRecognized)
            implements SessionInit {

        public Action {
            Required.key(canBeEnqueued, "canBeEnqueued");
            type = Required.orDefault(type, ACTION);
            if (!type.equals(ACTION)) {
                throw new IllegalArgumentException("type must be \"action\" or \"notification\": \"" + type + "\"");
            }
            sendIntentNotRecognized = Required.orDefault(sendIntentNotRecognized, false);
        }
    }

    /** Wire order text, type. */
    @HermesMessage
    @JsonDeserialize
    record Notification(String text, String type) implements SessionInit {

        public Notification {
            Required.key(text, "text");
            type = Required.orDefault(type, NOTIFICATION);
            if (!type.equals(NOTIFICATION)) {
                throw new IllegalArgumentException("type must be \"notification\": \"" + type + "\"");
            }
        }

        public Notification(String text) {
            this(text, NOTIFICATION);
        }
    }

    final class ByType extends StdDeserializer<SessionInit> {

        private static final long serialVersionUID = 1L;

        ByType() {
            super(SessionInit.class);
        }

        @Override
        public SessionInit deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject()) {
                throw MismatchedInputException.from(p, SessionInit.class, "init must be an object");
            }
            JsonNode type = node.get("type");
            if (type == null || type.isNull()) {
                throw MismatchedInputException.from(p, SessionInit.class, "missing required key \"type\"");
            }
            if (!type.isTextual()) {
                throw MismatchedInputException.from(p, SessionInit.class, "type must be a string");
            }
            Class<? extends SessionInit> kind = NOTIFICATION.equals(type.asText()) ? Notification.class : Action.class;
            return ctxt.readTreeAsValue(node, kind);
        }
    }
}
