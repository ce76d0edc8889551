package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicPatternFilterTest {

    @Test
    void oneVariableFixedTheOthersWildcards() {
        assertThat(Topics.PLAY_BYTES.filter("siteId", "kitchen")).isEqualTo("hermes/audioServer/kitchen/playBytes/+");
        assertThat(Topics.AUDIO_FRAME.filter("siteId", "kitchen")).isEqualTo("hermes/audioServer/kitchen/audioFrame");
    }

    @Test
    void refusesUnknownVariablesAndWildcardValues() {
        assertThatThrownBy(() -> Topics.PLAY_BYTES.filter("site", "kitchen"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.PLAY_BYTES.filter("siteId", "+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.PLAY_BYTES.filter("siteId", "a/b"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
