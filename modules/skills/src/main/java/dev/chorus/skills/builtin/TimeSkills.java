package dev.chorus.skills.builtin;

import dev.chorus.skills.OnIntent;
import dev.chorus.skills.Skill;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

/** GetTime and GetDate, in the module's time zone (CHORUS_TIMEZONE / TZ). */
@Skill
public class TimeSkills {

    private final Clock clock;

    public TimeSkills(Clock clock) {
        this.clock = clock;
    }

    @OnIntent("GetTime")
    public String time() {
        return SpokenTime.time(LocalTime.now(clock));
    }

    @OnIntent("GetDate")
    public String date() {
        return SpokenTime.date(LocalDate.now(clock));
    }
}
