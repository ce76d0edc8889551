package dev.chorus.skills.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.skills.Answer;
import dev.chorus.skills.testing.RecordingSkillContext;
import dev.chorus.skills.testing.SkillTester;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The built-in skills without a broker, through the same SkillTester users have. */
class BuiltinSkillsTest {

    private final RecordingSkillContext context = new RecordingSkillContext();
    private final SkillTester tester = SkillTester.of(
            context,
            new TimeSkills(Clock.fixed(Instant.parse("2026-12-01T14:10:00Z"), ZoneId.of("Europe/Berlin"))),
            new SmallTalkSkills(context));

    @Test
    void timeAndDateInTheConfiguredZone() {
        assertThat(tester.ask("GetTime", "what time is it").text())
                .isEqualTo("In the afternoon, it is ten minutes past three.");
        assertThat(tester.ask("GetDate", "what day is it").text())
                .isEqualTo("Today is Tuesday, the first of December.");
    }

    @Test
    void volumeAsPercentOrFractionForTheIntentsSite() {
        assertThat(tester.ask("SetVolume", "set the volume to (forty:40){volume} percent")
                        .text())
                .isEqualTo("Volume set to forty percent.");
        assertThat(tester.ask("SetVolume", "volume (zero point five:0.5){level}")
                        .text())
                .isEqualTo("Volume set to fifty percent.");
        assertThat(tester.ask("SetVolume", "volume (two hundred:200){volume}").text())
                .isEqualTo("The volume goes from zero to one hundred percent.");
        assertThat(tester.ask("SetVolume", "volume please").text()).isEqualTo("Sorry, I did not get the volume.");
        assertThat(context.published(SetVolume.class))
                .containsExactly(new SetVolume(0.4, "default"), new SetVolume(0.5, "default"));
    }

    @Test
    void theBuiltInTemplatesVolumeScaleAndDirections() {
        assertThat(tester.ask("SetVolume", "set the volume to (five:5){volume}").text())
                .isEqualTo("Volume set to fifty percent.");
        assertThat(tester.ask("SetVolume", "make it (louder:up){direction}").text())
                .isEqualTo("Volume set to sixty percent.");
        assertThat(tester.ask("SetVolume", "volume (down){direction}").text())
                .isEqualTo("Volume set to fifty percent.");
    }

    @Test
    void timerUnitsOfTheBuiltInTemplates() {
        assertThat(TimerSkills.unitSeconds("minutes")).isEqualTo(60);
        assertThat(TimerSkills.unitSeconds("hours")).isEqualTo(3600);
        assertThat(TimerSkills.unitSeconds("seconds")).isEqualTo(1);
    }

    @Test
    void cancelEndsPolitely() {
        assertThat(tester.ask("Cancel", "never mind")).isEqualTo(Answer.end("Okay, never mind."));
    }
}
