package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a/#/b | '#' must be a whole level and the last one: a/#/b",
                "a/b#  | '#' must be a whole level and the last one: a/b#",
                "a/b+  | '+' must be a whole level: a/b+",
                "''    | empty topic filter",
            })
    void problemsQuoteTheFilter(String filter, String problem) {
        assertThat(TopicFilters.problemWith(filter)).contains(problem);
    }

    @ParameterizedTest
    @CsvSource({
        "hermes/tts/say, hermes/tts/say, true",
        "hermes/tts/+, hermes/tts/say, true",
        "hermes/tts/+, hermes/tts/+, true",
        "hermes/#, hermes/tts/+, true",
        "hermes/#, hermes/#, true",
        "hermes/#, hermes, true",
        "#, hermes/#, true",
        // a wildcard where the allowed filter names a level reaches beyond it
        "hermes/tts/say, hermes/tts/+, false",
        "hermes/tts/+, hermes/tts/#, false",
        "hermes/+/say, hermes/#, false",
        "chorus/reply/tts/#, chorus/reply/+/#, false",
        "hermes/tts, hermes/tts/say, false",
        "hermes/tts/say, hermes/tts, false",
        "$share/g/hermes/tts/+, hermes/tts/say, true",
        "hermes/tts/+, $share/g/hermes/tts/say, true",
        "#, $SYS/#, false",
        "+/broker, $SYS/broker, false",
        "$SYS/#, $SYS/broker, true",
    })
    void covers(String allowed, String requested, boolean expected) {
        assertThat(TopicFilters.covers(allowed, requested)).isEqualTo(expected);
    }
}
