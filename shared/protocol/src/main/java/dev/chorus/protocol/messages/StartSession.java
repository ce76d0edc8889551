package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/startSession}. Wire order init, siteId, customData, lang. */
@HermesMessage
public record StartSession(SessionInit init, String siteId, String customData, String lang) {

    public StartSession {
        Required.key(init, "init");
        siteId = Hermes.site(siteId);
    }
}
