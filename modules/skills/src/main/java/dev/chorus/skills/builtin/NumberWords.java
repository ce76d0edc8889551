package dev.chorus.skills.builtin;

/** English number words, for text the TTS speaks the same way whatever its number rules. */
final class NumberWords {

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

    private NumberWords() {}

    /** 0 .. 999999 in words ("one hundred and five"); larger numbers as digits. */
    static String cardinal(long n) {
        if (n < 0 || n >= 1_000_000) {
            return Long.toString(n);
        }
        if (n >= 1000) {
            long rest = n % 1000;
            return cardinal(n / 1000) + " thousand" + (rest == 0 ? "" : (rest < 100 ? " and " : " ") + cardinal(rest));
        }
        if (n >= 100) {
            long rest = n % 100;
            return ONES[(int) (n / 100)] + " hundred" + (rest == 0 ? "" : " and " + cardinal(rest));
        }
        if (n >= 20) {
            return TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : "-" + ONES[(int) (n % 10)]);
        }
        return ONES[(int) n];
    }

    /** 1 .. 99 as an ordinal ("twenty-first"). */
    static String ordinal(int n) {
        if (n < 20) {
            return ORDINAL_ONES[n];
        }
        if (n % 10 == 0) {
            return TENS[n / 10].substring(0, TENS[n / 10].length() - 1) + "ieth";
        }
        return TENS[n / 10] + "-" + ORDINAL_ONES[n % 10];
    }
}
