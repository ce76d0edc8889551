package dev.chorus.nlu.template;

import java.util.List;

/**
 * A recognised sentence.
 *
 * @param intentName the intent
 * @param confidence 1.0 for an exact match, less when words had to be dropped, inserted or replaced
 * @param text       the recognised text after substitutions and converters (Hermes {@code input})
 * @param rawText    the normalised query words the slots' raw ranges index
 * @param slots      the tagged entities, in sentence order
 * @param edits      how many words were dropped, inserted or replaced (0 = exact)
 */
public record Recognition(
        String intentName, double confidence, String text, String rawText, List<RecognizedSlot> slots, int edits) {

    /**
     * A tagged entity.
     *
     * @param name     the tag name ({@code slotName})
     * @param entity   the slot list name when the tag is on a {@code $slot}, else the tag name
     * @param value    the converted value: a String, an Integer/Double (kind Number) or a Boolean
     * @param rawValue the spoken words
     * @param start    start of the value in {@code text} (inclusive)
     * @param end      end of the value in {@code text} (exclusive)
     * @param rawStart start in {@code rawText}
     * @param rawEnd   end in {@code rawText}
     */
    public record RecognizedSlot(
            String name, String entity, Object value, String rawValue, int start, int end, int rawStart, int rawEnd) {

        /** Rhasspy's {@code value.kind}: Number for converted numbers, else Unknown. */
        public String kind() {
            return value instanceof Number ? "Number" : "Unknown";
        }
    }
}
