package dev.chorus.shared.messages;

import dev.chorus.shared.json.HermesMessage;
import dev.chorus.shared.json.Required;

/** {@code hermes/dialogueManager/intentNotRecognized}. Wire order sessionId, siteId, input, customData. */
@HermesMessage
public record DialogueIntentNotRecognized(String sessionId, String siteId, String input, String customData) {

    public DialogueIntentNotRecognized {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }
}
