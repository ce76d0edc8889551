package dev.chorus.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The family of a concrete topic, for metric tags: the catalog entry it belongs to, with site, session, request
 * and other ids left as the catalog's placeholders ({@code hermes/audioServer/{siteId}/playBytes/{requestId}}),
 * or {@link #OTHER} for a topic that is not in the catalog. The set of families is the catalog, so a tag made
 * from it stays bounded whatever sites, sessions and ids the stack sees (a raw topic as a tag would add a time
 * series per request id).
 */
public final class TopicFamily {

    /** Every topic outside {@link Topics#catalog()}: a module's own or an operator's topics. */
    public static final String OTHER = "other";

    private static final Set<String> FIXED = new HashSet<>();
    private static final List<Shape> SHAPES;

    static {
        Set<String> patterns = new HashSet<>();
        for (TopicPattern pattern : Topics.patterns()) {
            patterns.add(pattern.pattern());
        }
        for (String topic : Topics.catalog()) {
            if (!patterns.contains(topic)) {
                FIXED.add(topic);
            }
        }
        SHAPES = Topics.patterns().stream()
                .map(p -> new Shape(p.pattern(), p.pattern().split("/", -1)))
                .toList();
    }

    private TopicFamily() {}

    /** The catalog entry {@code topic} belongs to, or {@link #OTHER}. */
    public static String of(String topic) {
        if (FIXED.contains(topic)) {
            return topic;
        }
        String[] levels = topic.split("/", -1);
        for (Shape shape : SHAPES) {
            if (shape.fits(levels)) {
                return shape.pattern;
            }
        }
        return OTHER;
    }

    /** A pattern's levels; a {@code {variable}} level takes any non-empty level. */
    private record Shape(String pattern, String[] levels) {
        boolean fits(String[] actual) {
            if (actual.length != levels.length) {
                return false;
            }
            for (int i = 0; i < levels.length; i++) {
                boolean variable = levels[i].startsWith("{");
                if (variable ? actual[i].isEmpty() : !levels[i].equals(actual[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
