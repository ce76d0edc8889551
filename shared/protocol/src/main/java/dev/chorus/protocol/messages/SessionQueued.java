package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/sessionQueued}. Wire order sessionId, siteId, customData. */
@HermesMessage
public record SessionQueued(String sessionId, String siteId, String customData) implements Addressed {

    public SessionQueued {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.DM_SESSION_QUEUED;
    }
}
