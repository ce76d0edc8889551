package dev.chorus.skills.builtin;

import dev.chorus.protocol.text.NumberWords;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * The time and date as people say them: "In the afternoon, it is ten minutes past three." The part of the day comes
 * first and the hour last, with "minutes" spelled out: speech recognisers (and people in a noisy kitchen) lose a short
 * hour word run into the next phrase ("past two at night" came out of pocketsphinx as "past you at night").
 */
final class SpokenTime {

    private SpokenTime() {}

    static String time(LocalTime t) {
        int minute = t.getMinute();
        String hour = hourWord(t.getHour());
        String next = hourWord(t.getHour() + 1);
        String clock;
        if (minute == 0) {
            clock = hour + " o'clock";
        } else if (minute == 15) {
            clock = "quarter past " + hour;
        } else if (minute == 30) {
            clock = "half past " + hour;
        } else if (minute == 45) {
            clock = "quarter to " + next;
        } else if (minute < 30) {
            clock = minutes(minute) + " past " + hour;
        } else {
            clock = minutes(60 - minute) + " to " + next;
        }
        String part = partOfDay(t.getHour());
        return Character.toUpperCase(part.charAt(0)) + part.substring(1) + ", it is " + clock + ".";
    }

    static String date(LocalDate d) {
        return "Today is " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ", the "
                + NumberWords.ordinal(d.getDayOfMonth()) + " of "
                + d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ".";
    }

    private static String hourWord(int hour24) {
        int h = hour24 % 12;
        return NumberWords.cardinal(h == 0 ? 12 : h);
    }

    /** "ten minutes", "one minute". */
    private static String minutes(int m) {
        return NumberWords.cardinal(m) + (m == 1 ? " minute" : " minutes");
    }

    private static String partOfDay(int hour24) {
        if (hour24 < 5 || hour24 >= 22) {
            return "at night";
        }
        if (hour24 < 12) {
            return "in the morning";
        }
        if (hour24 < 18) {
            return "in the afternoon";
        }
        return "in the evening";
    }
}
