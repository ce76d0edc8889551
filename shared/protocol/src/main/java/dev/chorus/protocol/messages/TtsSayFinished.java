package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/tts/sayFinished}: always sent after a say, also after an error. Wire order siteId, id, sessionId. */
@HermesMessage
public record TtsSayFinished(String siteId, String id, String sessionId) implements Addressed {

    public TtsSayFinished {
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.TTS_SAY_FINISHED;
    }
}
