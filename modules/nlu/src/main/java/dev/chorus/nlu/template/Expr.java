package dev.chorus.nlu.template;

import java.util.List;

/**
 * A parsed sentence template (the expression language of Rhasspy's sentences.ini). {@link ExpressionParser}
 * produces every kind; {@link Resolver} replaces the references (rules, slot lists, ranges) so that a resolved
 * expression has only words, sequences, alternatives, substitutions, converters and tags.
 */
sealed interface Expr {

    /** One spoken word; {@code output} null = the word itself, empty = dropped ({@code the:}); "" spoken = added. */
    record Word(String spoken, List<String> output) implements Expr {}

    /** Items one after the other (a group, or a whole sentence). */
    record Seq(List<Expr> items) implements Expr {
        static final Seq EMPTY = new Seq(List.of());
    }

    /** Exactly one of the options; an optional {@code [x]} is {@code x} or the empty sequence. */
    record Alt(List<Expr> options) implements Expr {}

    /** The spoken words of {@code inner} are replaced by {@code output} in the recognised text. */
    record Sub(Expr inner, List<String> output) implements Expr {}

    /** Converters ({@code !int}...) applied, in order, to the recognised text of {@code inner}. */
    record Conv(Expr inner, List<String> converters) implements Expr {}

    /** A named entity; {@code entity} is the slot list name when the tag is on a {@code $slot}, else the tag name. */
    record Tagged(Expr inner, String name, String entity) implements Expr {}

    /** {@code <rule>} or {@code <Intent.rule>} ({@code intent} null = the same intent). */
    record RuleRef(String intent, String rule) implements Expr {}

    /** {@code $name}: the lines of {@code slots/name}, or a built-in list. */
    record SlotRef(String name) implements Expr {}

    /** {@code lo..hi[,step]}: the numbers as words, recognised as an integer. */
    record Range(int lo, int hi, int step) implements Expr {}
}
