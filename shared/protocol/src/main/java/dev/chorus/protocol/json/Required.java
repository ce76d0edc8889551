package dev.chorus.protocol.json;

/** Checks used in the compact constructors of message records. */
public final class Required {

    private Required() {}

    /**
     * @throws IllegalArgumentException naming the wire key when {@code value} is null; the JSON codec
     *                                  turns it into a decode error
     */
    public static <T> T key(T value, String key) {
        if (value == null) {
            throw new IllegalArgumentException("missing required key \"" + key + "\"");
        }
        return value;
    }

    public static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
