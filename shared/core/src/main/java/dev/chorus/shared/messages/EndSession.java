package dev.chorus.shared.messages;

import dev.chorus.shared.json.HermesMessage;
import dev.chorus.shared.json.Required;

/** {@code hermes/dialogueManager/endSession}. Wire order sessionId, text, customData. */
@HermesMessage
public record EndSession(String sessionId, String text, String customData) {

    public EndSession {
        Required.key(sessionId, "sessionId");
    }
}
