package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;
import java.util.Map;

/**
 * {@code hermes/nlu/query}. Wire order input, siteId, id, intentFilter, sessionId, wakewordId, lang, customData,
 * asrConfidence, customEntities.
 *
 * @param intentFilter null = all intents
 */
@HermesMessage
public record NluQuery(
        String input,
        String siteId,
        String id,
        List<String> intentFilter,
        String sessionId,
        String wakewordId,
        String lang,
        String customData,
        Double asrConfidence,
        Map<String, Object> customEntities)
        implements Addressed {

    public NluQuery {
        Required.key(input, "input");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.NLU_QUERY;
    }
}
