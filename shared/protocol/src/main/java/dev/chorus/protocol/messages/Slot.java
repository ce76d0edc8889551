package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.Map;

/**
 * A slot of an intent. Wire order entity, value, slotName, rawValue, confidence, range.
 *
 * @param entity     the slot list name when the tag is on a {@code $slot}, else the tag name
 * @param value      {@code {"kind": K, "value": V}}; V is the converted value (a number for ranges/!int)
 * @param slotName   the tag name; defaults to {@code entity} (key on this one, not on entity)
 * @param rawValue   spoken words before substitution; defaults to {@code value.value}
 * @param confidence default 0.0
 */
@HermesMessage
public record Slot(
        String entity,
        Map<String, Object> value,
        String slotName,
        String rawValue,
        Double confidence,
        SlotRange range) {

    public Slot {
        Required.key(entity, "entity");
        Required.key(value, "value");
        slotName = Required.orDefault(slotName, entity);
        if (rawValue == null && value.get("value") != null) {
            rawValue = String.valueOf(value.get("value"));
        }
        confidence = Required.orDefault(confidence, 0.0);
    }

    /** {@code value.value}, the slot's payload. */
    public Object plainValue() {
        return value.get("value");
    }

    /** {@code value.kind}: Unknown, Number, Date, Time, Datetime or Duration; null for custom entities. */
    public String kind() {
        Object kind = value.get("kind");
        return kind == null ? null : kind.toString();
    }

    /**
     * Where the slot is in the input: start inclusive, end exclusive. rawStart/rawEnd index the raw text.
     * Wire order start, end, rawStart, rawEnd.
     */
    @HermesMessage
    public record SlotRange(Integer start, Integer end, Integer rawStart, Integer rawEnd) {

        public SlotRange {
            Required.key(start, "start");
            Required.key(end, "end");
        }
    }
}
