package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/endSession}. Wire order sessionId, text, customData. */
@HermesMessage
public record EndSession(String sessionId, String text, String customData) {

    public EndSession {
        Required.key(sessionId, "sessionId");
    }
}
