package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;

/** {@code rhasspy/tts/getVoices}. Wire order id, siteId. */
@HermesMessage
public record GetVoices(String id, String siteId) {

    public GetVoices {
        siteId = Hermes.site(siteId);
    }
}
