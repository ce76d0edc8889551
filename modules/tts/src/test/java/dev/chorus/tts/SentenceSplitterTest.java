package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private final SentenceSplitter splitter = new SentenceSplitter(120);

    @Test
    void splitsAtSentenceEnds() {
        assertThat(splitter.split("Hello there. How are you? Fine!  Thanks…"))
                .containsExactly("Hello there.", "How are you?", "Fine!", "Thanks…");
    }

    @Test
    void keepsAbbreviationsInitialsNumbersAndQuotes() {
        assertThat(splitter.split("Dr. Smith paid 3.50 euros, e.g. for J. R. Tolkien books. \"Done!\" she said."))
                .containsExactly("Dr. Smith paid 3.50 euros, e.g. for J. R. Tolkien books.", "\"Done!\" she said.");
    }

    @Test
    void blankLinesEndSentencesAndWhiteSpaceIsNormalised() {
        assertThat(splitter.split("Title\n\nFirst line\ncontinues here"))
                .containsExactly("Title", "First line continues here");
    }

    @Test
    void cutsOverlongSentencesAtACommaOrSpace() {
        final String longOne = "one two three four five six seven eight nine ten, ".repeat(5) + "end.";
        for (final String part : splitter.split(longOne)) {
            assertThat(part.length()).isLessThanOrEqualTo(120);
        }
        assertThat(String.join(" ", splitter.split(longOne))).isEqualTo(longOne.strip());
    }

    @Test
    void dropsPunctuationOnlyText() {
        assertThat(splitter.split("...")).isEmpty();
        assertThat(splitter.split("Hi. !")).containsExactly("Hi.!");
        assertThat(splitter.split("   ")).isEmpty();
    }
}
