package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/audioServer/{siteId}/streamFinished} (Snips streaming playback). Wire order id, siteId. */
@HermesMessage
public record StreamFinished(String id, String siteId) {

    public StreamFinished {
        siteId = Hermes.site(siteId);
    }
}
