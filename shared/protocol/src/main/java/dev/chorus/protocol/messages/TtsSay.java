package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/**
 * {@code hermes/tts/say}: speak {@code text} on {@code siteId}. Wire order text, siteId, lang, id, sessionId, volume.
 *
 * @param id     request id, echoed in {@link TtsSayFinished#id()}; null lets the TTS pick one
 * @param volume Rhasspy-only, 0..1
 */
@HermesMessage
public record TtsSay(String text, String siteId, String lang, String id, String sessionId, Double volume)
        implements Addressed {

    public TtsSay {
        Required.key(text, "text");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.TTS_SAY;
    }
}
