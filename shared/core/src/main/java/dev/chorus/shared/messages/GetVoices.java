package dev.chorus.shared.messages;

import dev.chorus.shared.json.HermesMessage;

/** {@code rhasspy/tts/getVoices}. Wire order id, siteId. */
@HermesMessage
public record GetVoices(String id, String siteId) {

    public GetVoices {
        siteId = Hermes.site(siteId);
    }
}
