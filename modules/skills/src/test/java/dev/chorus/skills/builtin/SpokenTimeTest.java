package dev.chorus.skills.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class SpokenTimeTest {

    @Test
    void tellsTheTimeAsPeopleSayIt() {
        assertThat(SpokenTime.time(LocalTime.of(15, 10))).isEqualTo("It is ten past three in the afternoon.");
        assertThat(SpokenTime.time(LocalTime.of(9, 0))).isEqualTo("It is nine o'clock in the morning.");
        assertThat(SpokenTime.time(LocalTime.of(0, 0))).isEqualTo("It is twelve o'clock at night.");
        assertThat(SpokenTime.time(LocalTime.of(12, 15))).isEqualTo("It is quarter past twelve in the afternoon.");
        assertThat(SpokenTime.time(LocalTime.of(18, 30))).isEqualTo("It is half past six in the evening.");
        assertThat(SpokenTime.time(LocalTime.of(11, 45))).isEqualTo("It is quarter to twelve in the morning.");
        assertThat(SpokenTime.time(LocalTime.of(7, 7))).isEqualTo("It is seven minutes past seven in the morning.");
        assertThat(SpokenTime.time(LocalTime.of(23, 59))).isEqualTo("It is one minute to twelve at night.");
        assertThat(SpokenTime.time(LocalTime.of(16, 35))).isEqualTo("It is twenty-five to five in the afternoon.");
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
