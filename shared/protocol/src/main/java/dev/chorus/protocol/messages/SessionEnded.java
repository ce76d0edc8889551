package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/**
 * {@code hermes/dialogueManager/sessionEnded}. Wire order termination, sessionId, siteId, customData.
 * {@code termination} is an object (Rhasspy's reference doc says string; the code writes an object).
 */
@HermesMessage
public record SessionEnded(Termination termination, String sessionId, String siteId, String customData)
        implements Addressed {

    public SessionEnded {
        Required.key(termination, "termination");
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }

    /** @param reason nominal, abortedByUser, intentNotRecognized, timeout or error */
    @HermesMessage
    public record Termination(String reason) {

        public static final String NOMINAL = "nominal";
        public static final String ABORTED_BY_USER = "abortedByUser";
        public static final String INTENT_NOT_RECOGNIZED = "intentNotRecognized";
        public static final String TIMEOUT = "timeout";
        public static final String ERROR = "error";

        public Termination {
            Required.key(reason, "reason");
        }
    }

    @Override
    public String topic() {
        return Topics.DM_SESSION_ENDED;
    }
}
