package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/** {@code hermes/nlu/intentParsed}, sent before the intent itself. Wire order input, intent, siteId, id, slots, sessionId. */
@HermesMessage
public record NluIntentParsed(String input, Intent intent, String siteId, String id, List<Slot> slots, String sessionId)
        implements Addressed {

    public NluIntentParsed {
        Required.key(input, "input");
        Required.key(intent, "intent");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.NLU_INTENT_PARSED;
    }
}
