package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * {@code chorus/tts/say}: speak {@code text} on every site of {@code siteIds} (a Chorus extension; a Hermes
 * {@link TtsSay} names one site). The text is rendered once; each site gets its own playBytes and its own
 * {@link TtsSayFinished} with {@code id} and {@code sessionId} echoed. Wire order text, siteIds, lang, id,
 * sessionId, volume: a Hermes say's keys with {@code siteId} replaced by the list.
 *
 * @param siteIds at least one site; each must be a topic level, none twice (the tts module refuses the say
 *                otherwise, with an error naming the site)
 */
@HermesMessage
public record TtsSaySites(String text, List<String> siteIds, String lang, String id, String sessionId, Double volume)
        implements Addressed {

    public TtsSaySites {
        Required.key(text, "text");
        Required.key(siteIds, "siteIds");
        if (siteIds.stream().anyMatch(java.util.Objects::isNull)) { // List.contains(null) throws on List.of
            throw new IllegalArgumentException("siteIds: null is not a site");
        }
        siteIds = List.copyOf(siteIds);
    }

    @Override
    public String topic() {
        return Topics.TTS_SAY_SITES;
    }
}
