package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/intentNotRecognized}. Wire order sessionId, siteId, input, customData. */
@HermesMessage
public record DialogueIntentNotRecognized(String sessionId, String siteId, String input, String customData) {

    public DialogueIntentNotRecognized {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }
}
