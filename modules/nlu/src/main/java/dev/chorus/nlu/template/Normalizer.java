package dev.chorus.nlu.template;

import dev.chorus.protocol.text.NumberWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Query text to the words the templates are matched against: lower case, punctuation around words removed, and
 * numbers written as digits replaced by their words as Rhasspy does ({@code 5} → {@code five}).
 */
public final class Normalizer {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");
    private static final int MAX_DIGITS = 15;

    private Normalizer() {}

    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            String t = trim(token);
            if (t.isEmpty()) {
                continue;
            }
            if (NUMBER.matcher(t).matches() && t.length() <= MAX_DIGITS) {
                words.addAll(NumberWords.words(Long.parseLong(t)));
            } else {
                words.add(t);
            }
        }
        return words;
    }

    /** Strips what is not a letter or digit from both ends (a leading minus of a number stays). */
    private static String trim(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && !Character.isLetterOrDigit(token.charAt(from))) {
            boolean minus = token.charAt(from) == '-' && from + 1 < to && Character.isDigit(token.charAt(from + 1));
            if (minus) {
                break;
            }
            from++;
        }
        while (to > from && !Character.isLetterOrDigit(token.charAt(to - 1))) {
            to--;
        }
        return token.substring(from, to);
    }
}
