package dev.chorus.broker;

/** MQTT topic-filter arithmetic used by the ACL. */
final class TopicFilters {

    private TopicFilters() {
    }

    /** True when the concrete {@code topic} matches {@code filter} (with {@code +} and {@code #}). */
    static boolean matches(final String filter, final String topic) {
        // Per MQTT, a wildcard at the first level never matches topics starting with '$'.
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        final String[] f = filter.split("/", -1);
        final String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /**
     * True when every topic that {@code requested} can match is also matched by {@code allowed}:
     * a subscription is only granted when it cannot reach beyond what the ACL allows.
     */
    static boolean covers(final String allowed, final String requested) {
        if (requested.startsWith("$") && (allowed.startsWith("+") || allowed.startsWith("#"))) {
            return false;
        }
        final String[] a = allowed.split("/", -1);
        final String[] r = requested.split("/", -1);
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("#")) {
                return true;
            }
            if (i >= r.length || r[i].equals("#")) {
                return false;
            }
            if (a[i].equals("+")) {
                continue;
            }
            if (!a[i].equals(r[i])) {
                return false;
            }
        }
        return a.length == r.length;
    }

    /** Strips a {@code $share/<group>/} prefix so the ACL judges the real filter. */
    static String withoutSharePrefix(final String filter) {
        if (filter.startsWith("$share/")) {
            final int slash = filter.indexOf('/', "$share/".length());
            return slash < 0 ? filter : filter.substring(slash + 1);
        }
        return filter;
    }

    /** Syntax check of a filter as written in the ACL file; returns a problem or null. */
    static String problemWith(final String filter) {
        if (filter.isEmpty()) {
            return "empty topic filter";
        }
        final String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            final String level = levels[i].replace("{principal}", "p");
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "'#' must be a whole level and the last one: " + filter;
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' must be a whole level: " + filter;
            }
        }
        return null;
    }
}
