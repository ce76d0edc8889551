package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/asr/stopListening}. Wire order siteId, sessionId. */
@HermesMessage
public record AsrStopListening(String siteId, String sessionId) implements Addressed {

    public AsrStopListening {
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.ASR_STOP_LISTENING;
    }
}
