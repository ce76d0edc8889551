package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaryRuntimeTest {

    @Test
    void versionStringsMaryTtsCannotParseAreMadeParseable() {
        assertThat(MaryRuntime.maryAccepts("17.0.15")).isTrue();
        assertThat(MaryRuntime.maryAccepts("1.8.0_392")).isTrue();
        assertThat(MaryRuntime.maryAccepts("21")).isFalse();
        assertThat(MaryRuntime.maryAccepts("22-ea")).isFalse();
        assertThat(MaryRuntime.parseableVersion("17.0.15")).isEqualTo("17.0.15");
        assertThat(MaryRuntime.parseableVersion("21")).isEqualTo("21.0");
        assertThat(MaryRuntime.parseableVersion("22-ea")).isEqualTo("22.0");
        assertThat(MaryRuntime.maryAccepts(MaryRuntime.parseableVersion("25"))).isTrue();
    }
}
