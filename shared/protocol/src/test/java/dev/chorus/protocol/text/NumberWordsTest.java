package dev.chorus.protocol.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumberWordsTest {

    @Test
    void wordsAreRhasspysWithoutHyphens() {
        assertThat(NumberWords.words(0)).containsExactly("zero");
        assertThat(NumberWords.words(75)).containsExactly("seventy", "five");
        assertThat(NumberWords.words(105)).containsExactly("one", "hundred", "and", "five");
        assertThat(NumberWords.words(1100)).containsExactly("one", "thousand", "one", "hundred");
        assertThat(NumberWords.words(2_000_042)).containsExactly("two", "million", "and", "forty", "two");
        assertThat(NumberWords.words(-5)).containsExactly("minus", "five");
    }

    @Test
    void cardinalsToSpeakHaveHyphens() {
        assertThat(NumberWords.cardinal(0)).isEqualTo("zero");
        assertThat(NumberWords.cardinal(45)).isEqualTo("forty-five");
        assertThat(NumberWords.cardinal(105)).isEqualTo("one hundred and five");
        assertThat(NumberWords.cardinal(3600)).isEqualTo("three thousand six hundred");
        assertThat(NumberWords.cardinal(1_021)).isEqualTo("one thousand and twenty-one");
        assertThat(NumberWords.cardinal(-45)).isEqualTo("minus forty-five");
    }

    @Test
    void ordinals() {
        assertThat(NumberWords.ordinal(3)).isEqualTo("third");
        assertThat(NumberWords.ordinal(12)).isEqualTo("twelfth");
        assertThat(NumberWords.ordinal(30)).isEqualTo("thirtieth");
        assertThat(NumberWords.ordinal(31)).isEqualTo("thirty-first");
        assertThatThrownBy(() -> NumberWords.ordinal(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
