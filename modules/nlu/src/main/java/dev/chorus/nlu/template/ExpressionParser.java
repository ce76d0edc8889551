package dev.chorus.nlu.template;

import dev.chorus.nlu.template.Expr.Alt;
import dev.chorus.nlu.template.Expr.Conv;
import dev.chorus.nlu.template.Expr.Range;
import dev.chorus.nlu.template.Expr.RuleRef;
import dev.chorus.nlu.template.Expr.Seq;
import dev.chorus.nlu.template.Expr.SlotRef;
import dev.chorus.nlu.template.Expr.Sub;
import dev.chorus.nlu.template.Expr.Tagged;
import dev.chorus.nlu.template.Expr.Word;
import dev.chorus.protocol.text.NumberWords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one sentence, rule body or slot-list line (sentences.md section 2) into an {@link Expr}. Number literals
 * become their words (recognised as the integer: {@code 75} → {@code (seventy five):75!int}); number ranges become
 * {@link Range}. Problems are {@link SyntaxException}s, which the caller places in a file and line.
 */
final class ExpressionParser {

    /** Characters that end a word. */
    private static final String SPECIAL = "()[]|<>{}";

    private static final Pattern RANGE = Pattern.compile("^(-?[0-9]+)\\.\\.(-?[0-9]+)(,[0-9]+)?$");
    private static final Pattern NUMBER = Pattern.compile("^-?[0-9]+$");
    /** The largest range a template may use: each number is a path in the graph. */
    static final int MAX_RANGE = 100_000;

    private final String text;
    private int pos;

    private ExpressionParser(String text) {
        this.text = text;
    }

    static Expr parse(String text) {
        ExpressionParser parser = new ExpressionParser(text);
        Expr e = parser.alternatives((char) 0);
        return e;
    }

    private Expr alternatives(char close) {
        List<Expr> options = new ArrayList<>();
        List<Expr> seq = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                if (close != 0) {
                    throw new SyntaxException("missing '" + close + "'");
                }
                break;
            }
            char c = text.charAt(pos);
            if (c == '|') {
                options.add(seq(seq));
                seq = new ArrayList<>();
                pos++;
                continue;
            }
            if (close != 0 && c == close) {
                pos++;
                break;
            }
            if (c == ')' || c == ']' || c == '>' || c == '}') {
                throw new SyntaxException("unexpected '" + c + "' at column " + (pos + 1));
            }
            seq.add(item());
        }
        options.add(seq(seq));
        return options.size() == 1 ? options.get(0) : new Alt(options);
    }

    private static Expr seq(List<Expr> items) {
        return items.size() == 1 ? items.get(0) : new Seq(List.copyOf(items));
    }

    private Expr item() {
        char c = text.charAt(pos);
        Expr e;
        switch (c) {
            case '(' -> {
                pos++;
                e = alternatives(')');
            }
            case '[' -> {
                pos++;
                e = new Alt(List.of(alternatives(']'), Seq.EMPTY));
            }
            case '<' -> e = ruleRef();
            case '{' ->
                throw new SyntaxException(
                        "a tag {...} must follow a word, group, rule or slot (column " + (pos + 1) + ")");
            case '$' -> e = slotRef();
            default -> e = word();
        }
        return postfix(e);
    }

    private Expr ruleRef() {
        int end = text.indexOf('>', pos);
        if (end < 0) {
            throw new SyntaxException("missing '>' after '<' at column " + (pos + 1));
        }
        String name = text.substring(pos + 1, end).strip();
        pos = end + 1;
        if (name.isEmpty() || name.chars().anyMatch(ch -> Character.isWhitespace(ch) || SPECIAL.indexOf(ch) >= 0)) {
            throw new SyntaxException("bad rule reference <" + name + ">");
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? new RuleRef(null, name) : new RuleRef(name.substring(0, dot), name.substring(dot + 1));
    }

    private Expr slotRef() {
        int start = ++pos;
        while (pos < text.length()
                && !endsWord(text.charAt(pos))
                && text.charAt(pos) != ':'
                && text.charAt(pos) != '!') {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw new SyntaxException("missing slot name after '$' at column " + start);
        }
        if (name.contains(",")) {
            throw new SyntaxException("slot programs are not supported: $" + name
                    + " (a slot list is a file in slots/, without arguments)");
        }
        if (name.startsWith("/")
                || name.endsWith("/")
                || Arrays.asList(name.split("/")).contains("..")) {
            throw new SyntaxException("bad slot name $" + name);
        }
        return new SlotRef(name);
    }

    private Expr word() {
        int start = pos;
        while (pos < text.length() && !endsWord(text.charAt(pos))) {
            pos++;
        }
        String token = text.substring(start, pos);
        String[] parts = token.split("!", -1);
        String body = parts[0];
        List<String> converters = converters(parts);
        Expr e;
        Matcher range = RANGE.matcher(body);
        if (range.matches()) {
            e = range(range, body);
        } else {
            int colon = body.indexOf(':');
            String spoken = colon < 0 ? body : body.substring(0, colon);
            List<String> output = colon < 0 ? null : words(body.substring(colon + 1));
            if (NUMBER.matcher(spoken).matches()) {
                e = number(spoken);
                if (output != null) {
                    e = new Sub(e, output);
                }
            } else {
                if (spoken.isEmpty() && output == null) {
                    throw new SyntaxException("empty word at column " + (start + 1));
                }
                e = new Word(spoken.toLowerCase(Locale.ROOT), output);
            }
        }
        return converters.isEmpty() ? e : new Conv(e, converters);
    }

    private static Expr range(Matcher m, String body) {
        int lo;
        int hi;
        int step;
        try {
            lo = Integer.parseInt(m.group(1));
            hi = Integer.parseInt(m.group(2));
            step = m.group(3) == null ? 1 : Integer.parseInt(m.group(3).substring(1));
        } catch (NumberFormatException e) {
            throw new SyntaxException("number range out of bounds: " + body);
        }
        if (step <= 0) {
            throw new SyntaxException("number range step must be positive: " + body);
        }
        if (lo > hi) {
            throw new SyntaxException("number range goes down: " + body + " (write " + hi + ".." + lo + ")");
        }
        if (((long) hi - lo) / step + 1 > MAX_RANGE) {
            throw new SyntaxException("number range too large: " + body + " (at most " + MAX_RANGE + " numbers)");
        }
        return new Range(lo, hi, step);
    }

    /** {@code 75} → {@code (seventy five):75!int}, as Rhasspy's number transform. */
    static Expr number(String digits) {
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new SyntaxException("number too large: " + digits);
        }
        List<Expr> words = new ArrayList<>();
        for (String w : NumberWords.words(n)) {
            words.add(new Word(w, null));
        }
        Expr spoken = words.size() == 1 ? words.get(0) : new Seq(words);
        return new Conv(new Sub(spoken, List.of(Long.toString(n))), List.of("int"));
    }

    private Expr postfix(Expr e) {
        Expr out = e;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ':') {
                pos++;
                out = new Sub(out, substitution());
            } else if (c == '!') {
                int start = ++pos;
                while (pos < text.length()
                        && !endsWord(text.charAt(pos))
                        && text.charAt(pos) != '!'
                        && text.charAt(pos) != ':') {
                    pos++;
                }
                String name = text.substring(start, pos);
                Converters.check(name);
                out = new Conv(out, List.of(name));
            } else if (c == '{') {
                out = tag(out);
            } else {
                break;
            }
        }
        return out;
    }

    private List<String> substitution() {
        if (pos < text.length() && text.charAt(pos) == '(') {
            int end = text.indexOf(')', pos);
            if (end < 0) {
                throw new SyntaxException("missing ')' in the substitution at column " + (pos + 1));
            }
            String inner = text.substring(pos + 1, end);
            pos = end + 1;
            return words(inner);
        }
        int start = pos;
        while (pos < text.length() && !endsWord(text.charAt(pos)) && text.charAt(pos) != '!') {
            pos++;
        }
        return words(text.substring(start, pos));
    }

    private Expr tag(Expr inner) {
        int end = text.indexOf('}', pos);
        if (end < 0) {
            throw new SyntaxException("missing '}' after '{' at column " + (pos + 1));
        }
        String body = text.substring(pos + 1, end);
        pos = end + 1;
        String[] parts = body.split("!", -1);
        List<String> converters = converters(parts);
        int colon = parts[0].indexOf(':');
        String name = (colon < 0 ? parts[0] : parts[0].substring(0, colon)).strip();
        if (name.isEmpty() || name.chars().anyMatch(ch -> Character.isWhitespace(ch) || SPECIAL.indexOf(ch) >= 0)) {
            throw new SyntaxException("bad tag name {" + body + "}");
        }
        Expr e = inner;
        if (colon >= 0) {
            e = new Sub(e, words(parts[0].substring(colon + 1)));
        }
        if (!converters.isEmpty()) {
            e = new Conv(e, converters);
        }
        return new Tagged(e, name, name);
    }

    private static List<String> converters(String[] parts) {
        List<String> converters = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            Converters.check(parts[i]);
            converters.add(parts[i]);
        }
        return converters;
    }

    private static List<String> words(String text) {
        String t = text.strip();
        return t.isEmpty() ? List.of() : List.of(t.split("\\s+"));
    }

    private static boolean endsWord(char c) {
        return Character.isWhitespace(c) || SPECIAL.indexOf(c) >= 0;
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
