package dev.chorus.protocol;

import java.util.Optional;

/** MQTT topic filter matching (MQTT 5 section 4.7), including {@code $share/<group>/} filters. */
public final class TopicFilters {

    private TopicFilters() {}

    /** The filter without a {@code $share/<group>/} prefix. */
    public static String withoutShare(String filter) {
        if (filter.startsWith("$share/")) {
            int slash = filter.indexOf('/', "$share/".length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }

    public static boolean matches(String filter, String topic) {
        String f = withoutShare(filter);
        // wildcards at the first level never match topics starting with $ (e.g. $SYS)
        if (topic.startsWith("$") && (f.startsWith("+") || f.startsWith("#"))) {
            return false;
        }
        String[] fl = f.split("/", -1);
        String[] tl = topic.split("/", -1);
        for (int i = 0; i < fl.length; i++) {
            if (fl[i].equals("#")) {
                return true;
            }
            if (i >= tl.length) {
                return false;
            }
            if (!fl[i].equals("+") && !fl[i].equals(tl[i])) {
                return false;
            }
        }
        return fl.length == tl.length;
    }

    /**
     * True when every topic that {@code requested} can match is also matched by {@code allowed}.
     * An access check grants a subscription only when this holds: matching the filters as if
     * they were topics would let {@code a/+} through where only {@code a/b} is allowed.
     * {@code $share/<group>/} prefixes are ignored on both sides (a shared subscription
     * receives the topics of its filter).
     */
    public static boolean covers(String allowed, String requested) {
        String a = withoutShare(allowed);
        String r = withoutShare(requested);
        if (r.startsWith("$") && (a.startsWith("+") || a.startsWith("#"))) {
            return false;
        }
        String[] al = a.split("/", -1);
        String[] rl = r.split("/", -1);
        for (int i = 0; i < al.length; i++) {
            if (al[i].equals("#")) {
                return true;
            }
            // a wildcard requested where the allowed filter names a level reaches beyond it
            if (i >= rl.length || rl[i].equals("#")) {
                return false;
            }
            if (!al[i].equals("+") && !al[i].equals(rl[i])) {
                return false;
            }
        }
        return al.length == rl.length;
    }

    /** True for a syntactically valid subscription filter. */
    public static boolean isValidFilter(String filter) {
        return filter != null && problemWith(filter).isEmpty();
    }

    /**
     * Why {@code filter} is not a valid subscription filter, as one line that quotes it (for
     * configuration errors), or empty when it is valid.
     */
    public static Optional<String> problemWith(String filter) {
        if (filter.isEmpty()) {
            return Optional.of("empty topic filter");
        }
        String[] levels = withoutShare(filter).split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return Optional.of("'#' must be a whole level and the last one: " + filter);
            }
            if (level.contains("+") && !level.equals("+")) {
                return Optional.of("'+' must be a whole level: " + filter);
            }
        }
        return Optional.empty();
    }
}
