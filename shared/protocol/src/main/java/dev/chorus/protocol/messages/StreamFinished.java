package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;

/** {@code hermes/audioServer/{siteId}/streamFinished} (Snips streaming playback). Wire order id, siteId. */
@HermesMessage
public record StreamFinished(String id, String siteId) implements Addressed {

    public StreamFinished {
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.streamFinished(siteId);
    }
}
