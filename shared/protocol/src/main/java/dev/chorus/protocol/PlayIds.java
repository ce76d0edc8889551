package dev.chorus.protocol;

import java.util.Optional;

/**
 * The request ids of the playBytes that speak one say. The tts module sends a say that is longer than one
 * playBytes (several sentences, or audio larger than a packet) as consecutive playBytes: all but the last
 * carry {@code <sayId>-<n>}, n = 0, 1, … in speaking order, and the last carries the say id itself, so that a
 * single-part say is exactly what Rhasspy sends and a playFinished with the say id means the whole text was
 * played. The gateway and the cli put the parts back together with {@link #parse}.
 */
public final class PlayIds {

    /** Longest part number read back: parts beyond are not ours (an id that merely ends in digits). */
    private static final int MAX_DIGITS = 9;

    private PlayIds() {}

    /** The play id of part {@code n} (not the last) of say {@code sayId}. */
    public static String of(String sayId, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("part number must be >= 0: " + n);
        }
        return sayId + "-" + n;
    }

    /**
     * A part of a say, as {@link #parse} reads a play id.
     *
     * @param sayId the say the part belongs to
     * @param n     its number, 0 for the first
     */
    public record Part(String sayId, int n) {}

    /**
     * The say id and part number of {@code <sayId>-<n>}, or empty when {@code playId} does not have that shape
     * (then it may be a say id itself: the last part, or a single-part say).
     */
    public static Optional<Part> parse(String playId) {
        int dash = playId.lastIndexOf('-');
        int digits = playId.length() - dash - 1;
        if (dash <= 0
                || digits < 1
                || digits > MAX_DIGITS
                || !playId.substring(dash + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(new Part(playId.substring(0, dash), Integer.parseInt(playId.substring(dash + 1))));
    }

    /** True when {@code playId} is say {@code sayId}'s id or one of its {@code <sayId>-<n>} parts. */
    public static boolean belongsTo(String playId, String sayId) {
        return playId.equals(sayId)
                || parse(playId).map(p -> p.sayId().equals(sayId)).orElse(false);
    }
}
