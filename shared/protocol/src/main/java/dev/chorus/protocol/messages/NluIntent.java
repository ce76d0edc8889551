package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * {@code hermes/intent/{intentName}}. Wire order input, intent, siteId, id, slots, sessionId, customData, asrTokens,
 * asrConfidence, rawInput, wakewordId, lang.
 *
 * @param input     recognised text after substitutions
 * @param asrTokens a list of lists: one inner list per ASR run
 * @param rawInput  the input before number replacement (Rhasspy-only)
 */
@HermesMessage
public record NluIntent(
        String input,
        Intent intent,
        String siteId,
        String id,
        List<Slot> slots,
        String sessionId,
        String customData,
        List<List<AsrToken>> asrTokens,
        Double asrConfidence,
        String rawInput,
        String wakewordId,
        String lang)
        implements Addressed {

    public NluIntent {
        Required.key(input, "input");
        Required.key(intent, "intent");
        siteId = Hermes.site(siteId);
    }

    @Override
    public String topic() {
        return Topics.intent(intent.intentName());
    }
}
