package dev.chorus.shared.messages;

import dev.chorus.shared.json.HermesMessage;

/** {@code hermes/asr/stopListening}. Wire order siteId, sessionId. */
@HermesMessage
public record AsrStopListening(String siteId, String sessionId) {

    public AsrStopListening {
        siteId = Hermes.site(siteId);
    }
}
