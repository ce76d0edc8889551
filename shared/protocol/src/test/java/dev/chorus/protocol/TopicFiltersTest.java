package dev.chorus.protocol;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicFiltersTest {

    @ParameterizedTest
    @CsvSource({
            "hermes/tts/say, hermes/tts/say, true",
            "hermes/tts/+, hermes/tts/say, true",
            "hermes/#, hermes/tts/say, true",
            "hermes/tts/#, hermes/tts, true",
            "#, hermes/tts/say, true",
            "hermes/+/say, hermes/tts/say, true",
            "hermes/+, hermes/tts/say, false",
            "hermes/tts/say, hermes/tts/sayFinished, false",
            "hermes/audioServer/+/playBytes/+, hermes/audioServer/k/playBytes/r, true",
            "hermes/audioServer/+/playBytes/+, hermes/audioServer/k/playFinished, false",
            "$share/g/hermes/tts/say, hermes/tts/say, true",
            "#, $SYS/broker, false",
            "+/broker, $SYS/broker, false",
    })
    void matches(String filter, String topic, boolean expected) {
        assertThat(TopicFilters.matches(filter, topic)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a/#, true", "a/+/b, true", "#, true", "a/#/b, false", "a/b#, false", "a+/b, false", "'', false"})
    void validFilters(String filter, boolean valid) {
        assertThat(TopicFilters.isValidFilter(filter)).isEqualTo(valid);
    }
}
