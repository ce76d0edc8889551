package dev.chorus.nlu.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Integers as English words the way Rhasspy writes them (num2words {@code lang=en}, hyphens and commas removed):
 * 75 → seventy five, 105 → one hundred and five, 1100 → one thousand one hundred, -5 → minus five.
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
    private static final String[] TENS = {
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
    };
    private static final long[] SCALES = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] SCALE_NAMES = {"trillion", "billion", "million", "thousand"};

    private NumberWords() {}

    public static List<String> of(long n) {
        if (n < 0) {
            List<String> words = new ArrayList<>();
            words.add("minus");
            words.addAll(of(-n));
            return words;
        }
        return Arrays.asList(text(n).split(" "));
    }

    private static String text(long n) {
        if (n < 20) {
            return ONES[(int) n];
        }
        if (n < 100) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : " " + ONES[(int) (n % 10)]);
        }
        if (n < 1000) {
            long rest = n % 100;
            return ONES[(int) (n / 100)] + " hundred" + (rest == 0 ? "" : " and " + text(rest));
        }
        for (int i = 0; i < SCALES.length; i++) {
            if (n >= SCALES[i]) {
                long rest = n % SCALES[i];
                String head = text(n / SCALES[i]) + " " + SCALE_NAMES[i];
                if (rest == 0) {
                    return head;
                }
                // num2words: "and" before a last part under a hundred, else a comma (removed by Rhasspy)
                return head + (rest < 100 ? " and " : " ") + text(rest);
            }
        }
        throw new IllegalArgumentException("number too large: " + n);
    }
}
