package dev.chorus.shared.messages;

import dev.chorus.shared.json.HermesMessage;
import dev.chorus.shared.json.Required;

/** {@code hermes/dialogueManager/sessionQueued}. Wire order sessionId, siteId, customData. */
@HermesMessage
public record SessionQueued(String sessionId, String siteId, String customData) {

    public SessionQueued {
        Required.key(sessionId, "sessionId");
        siteId = Hermes.site(siteId);
    }
}
