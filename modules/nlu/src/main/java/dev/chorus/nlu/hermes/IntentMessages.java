package dev.chorus.nlu.hermes;

import dev.chorus.nlu.template.Recognition;
import dev.chorus.nlu.template.Recognition.RecognizedSlot;
import dev.chorus.protocol.messages.AsrToken;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Hermes answers to a query, filled in as rhasspy-nlu-hermes fills them. */
public final class IntentMessages {

    /** Rhasspy NLU gives every slot this confidence. */
    private static final double SLOT_CONFIDENCE = 1.0;

    private IntentMessages() {}

    public static NluIntentParsed parsed(NluQuery query, Recognition r) {
        return new NluIntentParsed(r.text(), intent(r), query.siteId(), query.id(), slots(query, r), query.sessionId());
    }

    /**
     * {@code hermes/intent/{intentName}}: {@code rawInput} is the query as sent; {@code asrTokens} one list made of
     * the recognised words (confidence 1, no times), as Rhasspy's {@code NluIntent.make_asr_tokens}.
     */
    public static NluIntent intent(NluQuery query, Recognition r) {
        return new NluIntent(
                r.text(),
                intent(r),
                query.siteId(),
                query.id(),
                slots(query, r),
                query.sessionId(),
                query.customData(),
                List.of(asrTokens(r.text())),
                query.asrConfidence(),
                query.input(),
                query.wakewordId(),
                query.lang());
    }

    public static NluIntentNotRecognized notRecognized(NluQuery query) {
        return new NluIntentNotRecognized(
                query.input(), query.siteId(), query.id(), query.customData(), query.sessionId());
    }

    private static Intent intent(Recognition r) {
        return new Intent(r.intentName(), r.confidence());
    }

    /** The recognised slots, then the query's {@code customEntities} as slots {@code {entity, value: {value}}}. */
    static List<Slot> slots(NluQuery query, Recognition r) {
        List<Slot> slots = new ArrayList<>();
        for (RecognizedSlot s : r.slots()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("kind", s.kind());
            value.put("value", s.value());
            slots.add(new Slot(
                    s.entity(),
                    value,
                    s.name(),
                    s.rawValue(),
                    SLOT_CONFIDENCE,
                    new Slot.SlotRange(s.start(), s.end(), s.rawStart(), s.rawEnd())));
        }
        if (query.customEntities() != null) {
            query.customEntities().forEach((name, v) -> {
                Map<String, Object> value = new LinkedHashMap<>();
                value.put("value", v);
                slots.add(new Slot(name, value, null, null, SLOT_CONFIDENCE, null));
            });
        }
        return slots;
    }

    static List<AsrToken> asrTokens(String text) {
        List<AsrToken> tokens = new ArrayList<>();
        int at = 0;
        for (String word : text.split(" ")) {
            if (!word.isEmpty()) {
                tokens.add(new AsrToken(word, 1.0, at, at + word.length(), null));
            }
            at += word.length() + 1;
        }
        return tokens;
    }
}
