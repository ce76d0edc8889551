package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;

/** {@code rhasspy/hotword/getHotwords}: which wake words does a hotword service know. Wire order siteId, id. */
@HermesMessage
public record GetHotwords(String siteId, String id) implements Addressed {

    public GetHotwords {
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.HOTWORD_GET_HOTWORDS;
    }
}
