package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** {@code rhasspy/audioServer/setVolume}: {@code volume} 0..1. Wire order volume, siteId. */
@HermesMessage
public record SetVolume(Double volume, String siteId) implements Addressed {

    public SetVolume {
        Required.key(volume, "volume");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.AUDIO_SET_VOLUME;
    }
}
