package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/endSession}. Wire order sessionId, text, customData. */
@HermesMessage
public record EndSession(String sessionId, String text, String customData) implements Addressed {

    public EndSession {
        Required.key(sessionId, "sessionId");
    }

    @Override
    public String topic() {
        return Topics.DM_END_SESSION;
    }
}
