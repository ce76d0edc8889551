package dev.chorus.skills;

import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.Slot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An intent as a skill sees it: the {@code hermes/intent/{intentName}} message with typed slot getters.
 * Built by the dispatcher from the wire ({@link #of(NluIntent)}), or in tests from a template-like sentence
 * ({@link #parse(String, String)}).
 */
public final class IntentRequest {

    /** {@code (spoken words:value){slot}} or {@code (spoken words){slot}} or {@code word{slot}}. */
    private static final Pattern TAGGED =
            Pattern.compile("\\(([^():{}]+)(?::([^(){}]+))?\\)\\{(\\w+)\\}|([^\\s(){}]+)\\{(\\w+)\\}");

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final NluIntent intent;

    private IntentRequest(NluIntent intent) {
        this.intent = Objects.requireNonNull(intent, "intent");
    }

    public static IntentRequest of(NluIntent intent) {
        return new IntentRequest(intent);
    }

    /**
     * A request for tests, from a sentence marked up like the templates: {@code (five:5){minutes}} is the spoken
     * "five" with value 5 in slot {@code minutes}, {@code kitchen{room}} the word "kitchen" in slot {@code room}.
     * Values that are numbers become {@code Number} slots. Site {@code default}, session {@code test-session}.
     */
    public static IntentRequest parse(String intentName, String sentence) {
        StringBuilder input = new StringBuilder();
        List<Slot> slots = new ArrayList<>();
        Matcher m = TAGGED.matcher(sentence);
        int last = 0;
        while (m.find()) {
            input.append(sentence, last, m.start());
            String spoken = m.group(1) != null ? m.group(1).strip() : m.group(4);
            String value = m.group(1) != null
                    ? Optional.ofNullable(m.group(2)).map(String::strip).orElse(spoken)
                    : spoken;
            String name = m.group(1) != null ? m.group(3) : m.group(5);
            int start = input.length();
            input.append(spoken);
            slots.add(new Slot(
                    name,
                    slotValue(value),
                    name,
                    spoken,
                    1.0,
                    new Slot.SlotRange(start, input.length(), start, input.length())));
            last = m.end();
        }
        input.append(sentence.substring(last));
        String text = input.toString().strip().replaceAll("\\s+", " ");
        return new IntentRequest(new NluIntent(
                text,
                new Intent(intentName, 1.0),
                null,
                null,
                slots,
                "test-session",
                null,
                null,
                null,
                text,
                null,
                null));
    }

    /** The same request on another site. */
    public IntentRequest onSite(String siteId) {
        return with(siteId, intent.sessionId());
    }

    /** The same request in another session; null = outside any session. */
    public IntentRequest inSession(String sessionId) {
        return with(intent.siteId(), sessionId);
    }

    public String intentName() {
        return intent.intent().intentName();
    }

    /** The recognised text. */
    public String input() {
        return intent.input();
    }

    public String siteId() {
        return intent.siteId();
    }

    /** The dialogue session, or null when the intent came outside a session. */
    public String sessionId() {
        return intent.sessionId();
    }

    /** Hermes custom data (a string), or null. */
    public String customData() {
        return intent.customData();
    }

    public List<Slot> slots() {
        return intent.slots() == null ? List.of() : intent.slots();
    }

    /** The first slot with this slot name. */
    public Optional<Slot> slot(String slotName) {
        return slots().stream()
                .filter(s -> s.slotName().equals(slotName) && s.plainValue() != null)
                .findFirst();
    }

    /** The slot's value as text. */
    public Optional<String> text(String slotName) {
        return slot(slotName).map(s -> String.valueOf(s.plainValue()));
    }

    /** The slot's value as a number: a JSON number, or text that is one. */
    public Optional<Double> number(String slotName) {
        return slot(slotName).map(Slot::plainValue).flatMap(IntentRequest::toNumber);
    }

    /** The slot's value when it is a whole number. */
    public Optional<Long> integer(String slotName) {
        return number(slotName)
                .filter(d -> d == Math.rint(d) && !d.isInfinite())
                .map(Double::longValue);
    }

    /** The message as received. */
    public NluIntent message() {
        return intent;
    }

    @Override
    public String toString() {
        return intentName() + "[site " + siteId() + ", session " + sessionId() + ", \"" + input() + "\"]";
    }

    private IntentRequest with(String siteId, String sessionId) {
        NluIntent i = intent;
        return new IntentRequest(new NluIntent(
                i.input(),
                i.intent(),
                siteId,
                i.id(),
                i.slots(),
                sessionId,
                i.customData(),
                i.asrTokens(),
                i.asrConfidence(),
                i.rawInput(),
                i.wakewordId(),
                i.lang()));
    }

    private static Optional<Double> toNumber(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        String s = String.valueOf(value).strip();
        return NUMBER.matcher(s).matches() ? Optional.of(Double.parseDouble(s)) : Optional.empty();
    }

    private static Map<String, Object> slotValue(String value) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (NUMBER.matcher(value).matches()) {
            v.put("kind", "Number");
            v.put("value", value.contains(".") ? (Object) Double.parseDouble(value) : (Object) Long.parseLong(value));
        } else {
            v.put("kind", "Unknown");
            v.put("value", value);
        }
        return v;
    }
}
