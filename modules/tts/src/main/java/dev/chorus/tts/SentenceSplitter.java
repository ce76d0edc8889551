package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits plain text into sentences so the first one can be synthesized (and played) while
 * the rest are still rendering. Ends a sentence at {@code . ! ? …} (plus closing quotes or
 * brackets) followed by white space, except when a lower-case word follows, after common
 * abbreviations and initials, and inside numbers ("3.5"). A sentence longer than {@code maxChars} is cut at the last {@code ; : ,} or
 * space before the limit. Line breaks with an empty line between end a sentence too.
 */
public final class SentenceSplitter {

    /** Lower-case abbreviations (without the dot) that do not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e", "approx", "no", "nr",
            "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd",
            "co", "corp", "dept", "ca", "cf", "min", "max", "vol", "u.s", "a.m", "p.m");

    private static final String CLOSERS = "\"')]}»”’";

    private final int maxChars;

    public SentenceSplitter(final int maxChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("maxChars must be >= 20, got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The sentences of {@code text}, trimmed, none empty; at least one if the text is not blank. */
    @NonNull
    public List<String> split(@NonNull final String text) {
        final List<String> out = new ArrayList<>();
        final int n = text.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            final char c = text.charAt(i);
            int end = -1;
            if (c == '.' || c == '!' || c == '?' || c == '…') {
                int j = i + 1;
                while (j < n && (".!?…".indexOf(text.charAt(j)) >= 0 || CLOSERS.indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
                if ((j == n || Character.isWhitespace(text.charAt(j)))
                        && !lowerCaseFollows(text, j)
                        && !(c == '.' && isAbbreviation(text, start, i))) {
                    end = j;
                }
            } else if (c == '\n' && blankLineFollows(text, i)) {
                end = i;
            }
            if (end >= 0) {
                add(out, text.substring(start, end));
                start = Math.max(end, i + 1); // always move on, also when a line break ends it
                i = start;
            } else {
                i++;
            }
        }
        add(out, text.substring(start));
        return out;
    }

    private void add(final List<String> out, final String raw) {
        String rest = raw.strip().replaceAll("\\s+", " ");
        while (rest.length() > maxChars) {
            int cut = -1;
            for (final char sep : new char[] {';', ':', ','}) {
                cut = Math.max(cut, rest.lastIndexOf(sep, maxChars - 1));
            }
            if (cut < maxChars / 3) {
                cut = rest.lastIndexOf(' ', maxChars - 1);
            }
            if (cut <= 0) {
                cut = maxChars - 1;
            }
            final String head = rest.substring(0, cut + 1).strip();
            if (!head.isEmpty()) {
                out.add(head);
            }
            rest = rest.substring(cut + 1).strip();
        }
        if (!rest.isEmpty() && rest.chars().anyMatch(Character::isLetterOrDigit)) {
            out.add(rest);
        } else if (!rest.isEmpty() && !out.isEmpty()) {
            out.set(out.size() - 1, out.get(out.size() - 1) + rest); // stray punctuation: keep it with the previous
        }
    }

    /** True when the word before the dot at {@code dot} is an abbreviation, an initial or a number part. */
    private static boolean isAbbreviation(final String text, final int from, final int dot) {
        int w = dot;
        while (w > from && !Character.isWhitespace(text.charAt(w - 1))) {
            w--;
        }
        final String word = text.substring(w, dot).replaceAll("^[\"'(\\[{«“‘]+", "");
        if (word.isEmpty()) {
            return false;
        }
        if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
            return true; // an initial: "J. R. R. Tolkien"
        }
        if (ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))) {
            return true;
        }
        // "3." followed by a digit is handled by the white-space rule; "No. 5" by the list above.
        return false;
    }

    /** "\"Done!\" she said." goes on after the quote: the next word starts in lower case. */
    private static boolean lowerCaseFollows(final String text, final int from) {
        for (int j = from; j < text.length(); j++) {
            final char c = text.charAt(j);
            if (!Character.isWhitespace(c)) {
                return Character.isLowerCase(c);
            }
        }
        return false;
    }

    private static boolean blankLineFollows(final String text, final int newline) {
        for (int j = newline + 1; j < text.length(); j++) {
            final char c = text.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return false;
    }
}
