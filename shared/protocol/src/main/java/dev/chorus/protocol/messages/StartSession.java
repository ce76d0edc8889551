package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code hermes/dialogueManager/startSession}. Wire order init, siteId, customData, lang. */
@HermesMessage
public record StartSession(SessionInit init, String siteId, String customData, String lang) implements Addressed {

    public StartSession {
        Required.key(init, "init");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.DM_START_SESSION;
    }
}
