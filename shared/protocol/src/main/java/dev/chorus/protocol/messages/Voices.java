package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/** {@code rhasspy/tts/voices}, the answer to {@link GetVoices}. Wire order voices, id, siteId. */
@HermesMessage
public record Voices(List<Voice> voices, String id, String siteId) implements Addressed {

    public Voices {
        Required.key(voices, "voices");
        siteId = Hermes.site(siteId);
    }

    /** Wire order voiceId, description. */
    @HermesMessage
    public record Voice(String voiceId, String description) {

        public Voice {
            Required.key(voiceId, "voiceId");
        }
    }

    @Override
    public String topic() {
        return Topics.TTS_VOICES;
    }
}
