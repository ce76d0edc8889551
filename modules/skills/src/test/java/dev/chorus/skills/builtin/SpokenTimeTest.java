package dev.chorus.skills.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SpokenTimeTest {

    @Test
    void tellsTheTimeAsPeopleSayIt() {
        assertThat(SpokenTime.time(LocalTime.of(15, 10))).isEqualTo("In the afternoon, it is ten minutes past three.");
        assertThat(SpokenTime.time(LocalTime.of(9, 0))).isEqualTo("In the morning, it is nine o'clock.");
        assertThat(SpokenTime.time(LocalTime.of(0, 0))).isEqualTo("At night, it is twelve o'clock.");
        assertThat(SpokenTime.time(LocalTime.of(12, 15))).isEqualTo("In the afternoon, it is quarter past twelve.");
        assertThat(SpokenTime.time(LocalTime.of(18, 30))).isEqualTo("In the evening, it is half past six.");
        assertThat(SpokenTime.time(LocalTime.of(11, 45))).isEqualTo("In the morning, it is quarter to twelve.");
        assertThat(SpokenTime.time(LocalTime.of(7, 7))).isEqualTo("In the morning, it is seven minutes past seven.");
        assertThat(SpokenTime.time(LocalTime.of(23, 59))).isEqualTo("At night, it is one minute to twelve.");
        assertThat(SpokenTime.time(LocalTime.of(16, 35)))
                .isEqualTo("In the afternoon, it is twenty-five minutes to five.");
    }

    @Test
    void tellsTheDate() {
        assertThat(SpokenTime.date(LocalDate.of(2026, 12, 1))).isEqualTo("Today is Tuesday, the first of December.");
        assertThat(SpokenTime.date(LocalDate.of(2026, 3, 22)))
                .isEqualTo("Today is Sunday, the twenty-second of March.");
        assertThat(SpokenTime.date(LocalDate.of(2026, 4, 30))).isEqualTo("Today is Thursday, the thirtieth of April.");
    }

    @Test
    void durationsInWords() {
        assertThat(Durations.noun(90)).isEqualTo("one minute and thirty seconds");
        assertThat(Durations.noun(3 * 3600 + 60 + 1)).isEqualTo("three hours, one minute and one second");
        assertThat(Durations.adjective(300)).isEqualTo("five minute");
        assertThat(Timers.doneText(300)).isEqualTo("Your five minute timer is done.");
        assertThat(Timers.doneText(90)).isEqualTo("Your one minute thirty second timer is done.");
    }
}
