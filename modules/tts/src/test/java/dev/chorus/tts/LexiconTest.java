package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LexiconTest {

    private static final Locale EN = Locale.forLanguageTag("en-US");
    private static final Locale DE = Locale.GERMAN;

    @Test
    void replacesWholeWordsIgnoringCase() {
        final Lexicon lex = Lexicon.parse("MQTT = M Q T T\nRhasspy = rass pee\n");
        assertThat(lex.apply("Rhasspy speaks mqtt, not MQTTS or xMQTT.", EN))
                .isEqualTo("rass pee speaks M Q T T, not MQTTS or xMQTT.");
        assertThat(lex.apply("RHASSPY's broker", EN)).isEqualTo("rass pee's broker");
    }

    @Test
    void longestPhraseWinsAndSpacesMayVary() {
        final Lexicon lex = Lexicon.parse("Home = hoam\nHome Assistant = home assistant app\n");
        assertThat(lex.apply("Ask Home   Assistant at home.", EN)).isEqualTo("Ask home assistant app at hoam.");
    }

    @Test
    void languageSectionsOverrideAndStayInTheirLanguage() {
        final Lexicon lex = Lexicon.parse("""
                # comment
                Chorus = core us
                [de]
                Chorus = kor uss
                Auto = ow toe
                [*]
                Hermes = her meez
                """);
        assertThat(lex.apply("Chorus Auto Hermes", EN)).isEqualTo("core us Auto her meez");
        assertThat(lex.apply("Chorus Auto Hermes", DE)).isEqualTo("kor uss ow toe her meez");
        assertThat(lex.size()).isEqualTo(4);
    }

    @Test
    void replacementTextIsTakenLiterally() {
        final Lexicon lex = Lexicon.parse("cost = $1 \\\\ back\n");
        assertThat(lex.apply("the cost", EN)).isEqualTo("the $1 \\\\ back");
    }

    @Test
    void versionFollowsTheContent() {
        assertThat(Lexicon.parse("a = b\n").version())
                .isEqualTo(Lexicon.parse("a = b\n").version())
                .isNotEqualTo(Lexicon.parse("a = c\n").version());
    }

    @Test
    void repoLexiconLoadsAndHasTheProjectWords() {
        final Lexicon lex = Lexicon.load(TestSupport.repoConfigDir());
        assertThat(lex.apply("Chorus uses MQTT like Rhasspy", EN)).isEqualTo("core us uses M Q T T like rass pee");
    }

    @Test
    void errorsNameFileAndLine() {
        assertThatThrownBy(() -> Lexicon.parse("a = b\n\nno equals sign here\n"))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageStartingWith("lexicon.txt:3: ");
        assertThatThrownBy(() -> Lexicon.parse("a = b\nA = c\n"))
                .hasMessageStartingWith("lexicon.txt:2: ")
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Lexicon.parse("x =\n")).hasMessageStartingWith("lexicon.txt:1: ");
        assertThatThrownBy(() -> Lexicon.parse("ok = fine\n[12]\n")).hasMessageStartingWith("lexicon.txt:2: ");
        assertThatThrownBy(() -> Lexicon.parse("(x) = y\n")).hasMessageStartingWith("lexicon.txt:1: ");
    }
}
