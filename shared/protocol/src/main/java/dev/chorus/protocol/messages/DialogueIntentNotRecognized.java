package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/intentNotRecognized}. Wire order sessionId, siteId, input, customData. */
@HermesMessage
public record DialogueIntentNotRecognized(String sessionId, String siteId, String input, String customData)
        implements Addressed {

    public DialogueIntentNotRecognized {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.DM_INTENT_NOT_RECOGNIZED;
    }
}
