package dev.chorus.protocol;

/** MQTT topic filter matching (MQTT 5 section 4.7), including {@code $share/<group>/} filters. */
public final class TopicFilters {

    private TopicFilters() {
    }

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

    /** True for a syntactically valid subscription filter. */
    public static boolean isValidFilter(String filter) {
        if (filter == null || filter.isEmpty()) {
            return false;
        }
        String[] levels = withoutShare(filter).split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return false;
            }
            if (level.contains("+") && !level.equals("+")) {
                return false;
            }
        }
        return true;
    }
}
