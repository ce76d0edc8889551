package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/nlu/intentNotRecognized}. Wire order input, siteId, id, customData, sessionId. */
@HermesMessage
public record NluIntentNotRecognized(String input, String siteId, String id, String customData, String sessionId)
        implements Addressed {

    public NluIntentNotRecognized {
        Required.key(input, "input");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.NLU_INTENT_NOT_RECOGNIZED;
    }
}
