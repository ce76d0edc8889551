package dev.chorus.nlu.template;

import dev.chorus.nlu.template.Expr.Alt;
import dev.chorus.nlu.template.Expr.Conv;
import dev.chorus.nlu.template.Expr.Seq;
import dev.chorus.nlu.template.Expr.Sub;
import dev.chorus.nlu.template.Expr.Tagged;
import dev.chorus.nlu.template.Expr.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/**
 * The spoken side of a resolved intent as a JSGF rule expansion, for the speech recogniser: words,
 * {@code ( | )} and {@code [ ]} only; substitutions keep their spoken words, tags and converters vanish.
 */
final class Jsgf {

    private Jsgf() {}

    /** The expansion, or "" when nothing can be spoken. */
    static String of(Expr e) {
        String s = expansion(e);
        return s == null ? "" : s;
    }

    /** Adds every spoken word of {@code e} to {@code words}. */
    static void words(Expr e, SortedSet<String> words) {
        if (e instanceof Word w) {
            if (!w.spoken().isEmpty()) {
                words.add(w.spoken());
            }
        } else if (e instanceof Seq s) {
            s.items().forEach(i -> words(i, words));
        } else if (e instanceof Alt a) {
            a.options().forEach(o -> words(o, words));
        } else {
            words(inner(e), words);
        }
    }

    /** How many sentences {@code e} expands to (saturating). */
    static long count(Expr e) {
        if (e instanceof Word) {
            return 1;
        }
        if (e instanceof Seq s) {
            long n = 1;
            for (Expr i : s.items()) {
                n = Math.min(Long.MAX_VALUE / 4, n * count(i));
            }
            return n;
        }
        if (e instanceof Alt a) {
            long n = 0;
            for (Expr o : a.options()) {
                n = Math.min(Long.MAX_VALUE / 4, n + count(o));
            }
            return n;
        }
        return count(inner(e));
    }

    private static Expr inner(Expr e) {
        if (e instanceof Sub s) {
            return s.inner();
        }
        if (e instanceof Conv c) {
            return c.inner();
        }
        if (e instanceof Tagged t) {
            return t.inner();
        }
        throw new IllegalStateException("unresolved expression " + e);
    }

    /** null = nothing spoken. */
    private static String expansion(Expr e) {
        if (e instanceof Word w) {
            return w.spoken().isEmpty() ? null : w.spoken();
        }
        if (e instanceof Seq s) {
            List<String> parts = new ArrayList<>();
            for (Expr item : s.items()) {
                String p = expansion(item);
                if (p != null) {
                    parts.add(p);
                }
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
        if (e instanceof Alt a) {
            Set<String> options = new LinkedHashSet<>();
            boolean empty = false;
            for (Expr o : a.options()) {
                String p = expansion(o);
                if (p == null) {
                    empty = true;
                } else {
                    options.add(p);
                }
            }
            if (options.isEmpty()) {
                return null;
            }
            String joined = String.join(" | ", options);
            if (empty) {
                return "[ " + joined + " ]";
            }
            return options.size() == 1 ? joined : "( " + joined + " )";
        }
        return expansion(inner(e));
    }
}
