package dev.chorus.skills.builtin;

import dev.chorus.protocol.text.NumberWords;
import java.util.ArrayList;
import java.util.List;

/** Durations in words: "one minute and thirty seconds" (a noun), "one minute thirty second" (before "timer"). */
final class Durations {

    private Durations() {}

    static String noun(long seconds) {
        List<String> parts = parts(seconds, true);
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    static String adjective(long seconds) {
        return String.join(" ", parts(seconds, false));
    }

    private static List<String> parts(long seconds, boolean plural) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        List<String> parts = new ArrayList<>();
        add(parts, h, "hour", plural);
        add(parts, m, "minute", plural);
        add(parts, s, "second", plural);
        if (parts.isEmpty()) {
            parts.add(NumberWords.cardinal(0) + " seconds");
        }
        return parts;
    }

    private static void add(List<String> parts, long n, String unit, boolean plural) {
        if (n > 0) {
            parts.add(NumberWords.cardinal(n) + " " + unit + (plural && n != 1 ? "s" : ""));
        }
    }
}
