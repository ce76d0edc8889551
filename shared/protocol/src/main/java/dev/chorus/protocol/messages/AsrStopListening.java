package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/asr/stopListening}. Wire order siteId, sessionId. */
@HermesMessage
public record AsrStopListening(String siteId, String sessionId) {

    public AsrStopListening {
        siteId = Hermes.site(siteId);
    }
}
