package dev.chorus.skills.builtin;

import dev.chorus.protocol.text.NumberWords;
import dev.chorus.skills.Answer;
import dev.chorus.skills.IntentRequest;
import dev.chorus.skills.OnIntent;
import dev.chorus.skills.Skill;

/**
 * SetTimer (slots {@code amount} + {@code unit} as the built-in templates give them, or {@code hours}, {@code minutes},
 * {@code seconds}, kind Number) and CancelTimer, per site.
 */
@Skill
public class TimerSkills {

    static final long MAX_SECONDS = 24 * 3600;

    private final Timers timers;

    public TimerSkills(Timers timers) {
        this.timers = timers;
    }

    @OnIntent("SetTimer")
    public Answer set(IntentRequest request) {
        double seconds = request.number("hours").orElse(0.0) * 3600
                + request.number("minutes").orElse(0.0) * 60
                + request.number("seconds").orElse(0.0)
                + request.number("amount").orElse(0.0)
                        * unitSeconds(request.text("unit").orElse("seconds"));
        long whole = Math.round(seconds);
        if (whole < 1 || whole > MAX_SECONDS) {
            return Answer.end("Sorry, I can set timers from one second to one day.");
        }
        timers.start(request.siteId(), whole);
        return Answer.end("Timer set for " + Durations.noun(whole) + ".");
    }

    /** The built-in templates (intents/) say "{amount} {unit}", unit seconds, minutes or hours. */
    static int unitSeconds(String unit) {
        return switch (unit) {
            case "hours", "hour" -> 3600;
            case "minutes", "minute" -> 60;
            default -> 1;
        };
    }

    @OnIntent("CancelTimer")
    public Answer cancel(IntentRequest request) {
        int cancelled = timers.cancel(request.siteId());
        if (cancelled == 0) {
            return Answer.end("There is no timer to cancel.");
        }
        return Answer.end(cancelled == 1 ? "Timer cancelled." : NumberWords.cardinal(cancelled) + " timers cancelled.");
    }
}
