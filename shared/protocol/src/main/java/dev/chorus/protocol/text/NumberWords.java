package dev.chorus.protocol.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integers as English words. {@link #words} is how Rhasspy writes them in sentences (num2words {@code lang=en},
 * hyphens and commas removed): 75 → seventy five, 105 → one hundred and five, 1100 → one thousand one hundred, -5 →
 * minus five. {@link #cardinal} and {@link #ordinal} are the same numbers as text to speak, with num2words' hyphens
 * ("forty-five", "twenty-first"), which every TTS reads the same way whatever its own number rules.
 */
public final class NumberWords {

    private static final String[] ONES = {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen"
    };
    private static final String[] ORDINAL_ONES = {
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth"
    };
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final long[] SCALES = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] SCALE_NAMES = {"trillion", "billion", "million", "thousand"};

    private NumberWords() {}

    /** The words of {@code n} as Rhasspy's sentences have them: "seventy", "five". */
    public static List<String> words(long n) {
        if (n < 0) {
            List<String> words = new ArrayList<>();
            words.add("minus");
            words.addAll(words(-n));
            return words;
        }
        return Arrays.asList(text(n, " ").split(" "));
    }

    /** {@code n} as text to speak: "one hundred and forty-five". */
    public static String cardinal(long n) {
        return n < 0 ? "minus " + text(-n, "-") : text(n, "-");
    }

    /** 0 .. 99 as an ordinal: "third", "twenty-first", "thirtieth". */
    public static String ordinal(int n) {
        if (n < 0 || n > 99) {
            throw new IllegalArgumentException("ordinal out of 0..99: " + n);
        }
        if (n < 20) {
            return ORDINAL_ONES[n];
        }
        String tens = TENS[n / 10];
        if (n % 10 == 0) {
            return tens.substring(0, tens.length() - 1) + "ieth";
        }
        return tens + "-" + ORDINAL_ONES[n % 10];
    }

    /** {@code tensJoin} goes between tens and ones: a space for Rhasspy, a hyphen for speech. */
    private static String text(long n, String tensJoin) {
        if (n < 20) {
            return ONES[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : tensJoin + ONES[(int) (n % 10)]);
        }
        if (n < 1000) {
            long rest = n % 100;
            return ONES[(int) (n / 100)] + " hundred" + (rest == 0 ? "" : " and " + text(rest, tensJoin));
        }
        for (int i = 0; i < SCALES.length; i++) {
            if (n >= SCALES[i]) {
                long rest = n % SCALES[i];
                String head = text(n / SCALES[i], tensJoin) + " " + SCALE_NAMES[i];
                if (rest == 0) {
                    return head;
                }
                // num2words: "and" before a last part under a hundred, else a comma (removed by Rhasspy)
                return head + (rest < 100 ? " and " : " ") + text(rest, tensJoin);
            }
        }
        throw new IllegalArgumentException("number too large: " + n);
    }
}
