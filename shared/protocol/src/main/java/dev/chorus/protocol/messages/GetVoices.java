package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;

/** {@code rhasspy/tts/getVoices}. Wire order id, siteId. */
@HermesMessage
public record GetVoices(String id, String siteId) implements Addressed {

    public GetVoices {
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.TTS_GET_VOICES;
    }
}
