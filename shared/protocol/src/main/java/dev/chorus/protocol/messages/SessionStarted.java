package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/sessionStarted}. Wire order sessionId, siteId, customData, lang. */
@HermesMessage
public record SessionStarted(String sessionId, String siteId, String customData, String lang) implements Addressed {

    public SessionStarted {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.DM_SESSION_STARTED;
    }
}
