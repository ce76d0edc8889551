package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.asr.decode.SphinxRecognizer;
import dev.chorus.asr.decode.Transcript;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real Sphinx4 recogniser on espeak-ng speech and the home grammar. */
@Timeout(300)
class SphinxRecognizerTest {

    @TempDir
    static Path grammars;

    private static SphinxRecognizer recognizer;

    @BeforeAll
    static void load() throws Exception {
        recognizer = SphinxRecognizer.load(grammars);
        recognizer.useGrammar("home", TestSpeech.HOME.jsgf(null));
    }

    @Test
    void recognisesGrammarSentences() throws Exception {
        for (String sentence :
                List.of("what time is it", "set a timer for five minutes", "turn on the kitchen light")) {
            Transcript heard = recognizer.decode(TestSpeech.samples(TestSpeech.speak(sentence, "en-us", 0.5, 0.5)));
            assertThat(heard.text()).isEqualTo(sentence);
            assertThat(heard.tokens()).hasSize(sentence.split(" ").length);
            assertThat(heard.likelihood()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void anIntentFilterRestrictsTheGrammar() throws Exception {
        recognizer.useGrammar("home|GetTime", TestSpeech.HOME.jsgf(List.of("GetTime")));
        try {
            Transcript heard = recognizer.decode(
                    TestSpeech.samples(TestSpeech.speak("turn on the bedroom light", "en-us", 0.5, 0.5)));
            // out-of-grammar speech is forced onto (a prefix of) the nearest sentence the filter leaves
            assertThat(heard.text()).doesNotContain("light");
        } finally {
            recognizer.useGrammar("home", TestSpeech.HOME.jsgf(null));
        }
    }

    /** A recogniser nobody has used: its cepstral mean is still to be made from what it hears first. */
    private static SphinxRecognizer fresh(Path own) throws Exception {
        SphinxRecognizer fresh = SphinxRecognizer.load(own);
        fresh.useGrammar("home", TestSpeech.HOME.jsgf(null));
        return fresh;
    }

    /** {@code recognizer} hears "what time is it" three times in a row, after {@code first}. */
    private static void stillHears(SphinxRecognizer recognizer, String first) throws Exception {
        byte[] speech = TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 0.5));
        for (int i = 0; i < 3; i++) {
            assertThat(recognizer.decode(speech).text())
                    .as("decode %d after %s", i, first)
                    .isEqualTo("what time is it");
        }
    }

    @Test
    void anEmptyFirstUtteranceDoesNotDeafenTheRecogniser(@TempDir Path own) throws Exception {
        SphinxRecognizer fresh = fresh(own);
        assertThat(fresh.decode(new byte[0]).text()).isEmpty();
        assertThat(fresh.decode(new byte[640]).text()).isEmpty();
        stillHears(fresh, "empty ones");
    }

    @Test
    void digitalSilenceBeforeTheFirstWordsDoesNotDeafenTheRecogniser(@TempDir Path own) throws Exception {
        // a microphone that streams zeros while nobody speaks: the first session of a fresh recogniser starts with
        // 2.5 s of them (Sphinx4's LiveCMN made its first mean of those 200 frames alone, 0/0: NaN features, every
        // later utterance decoded as nothing, "gs is Nan" on stdout; VoiceLoopIT's failure in CI)
        SphinxRecognizer fresh = fresh(own);
        byte[] speech = TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 0.5));
        byte[] late = new byte[SphinxRecognizer.SAMPLE_RATE * 2 * 5 / 2 + speech.length];
        System.arraycopy(speech, 0, late, late.length - speech.length, speech.length);

        assertThat(fresh.decode(late).text()).isEqualTo("what time is it");
        stillHears(fresh, "a late start");
    }

    @Test
    void aQuietFirstUtteranceDoesNotBecomeTheMean(@TempDir Path own) throws Exception {
        // a first session of faint room noise with one click: loud enough to be decoded; Sphinx4's LiveCMN made its
        // first mean of that noise (all its frames have c0 >= 0) and lost the next command
        SphinxRecognizer fresh = fresh(own);
        byte[] quiet = new byte[SphinxRecognizer.SAMPLE_RATE * 2 * 2];
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < quiet.length; i += 2) {
            int sample = i == 1000 ? 1200 : (int) (noise.nextGaussian() * 3);
            quiet[i] = (byte) sample;
            quiet[i + 1] = (byte) (sample >> 8);
        }
        fresh.decode(quiet);
        stillHears(fresh, "a quiet one");
    }

    @Test
    void decodesAStreamToItsEnd() throws Exception {
        byte[] samples = TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 0.5));
        Transcript heard = recognizer.decode(new java.io.ByteArrayInputStream(samples));
        assertThat(heard.text()).isEqualTo("what time is it");
        assertThat(heard.tokens().get(0).time().start()).isBetween(0.3, 0.8);
        assertThat(heard.tokens().get(3).rangeEnd()).isEqualTo("what time is it".length());
    }

    @Test
    void wordsLeftOutAsNullStillLetTheRestBeHeard() throws Exception {
        recognizer.useGrammar("null", "#JSGF V1.0;\ngrammar chorus;\npublic <command> = what <NULL> time is it;\n");
        try {
            Transcript heard =
                    recognizer.decode(TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 0.5)));
            assertThat(heard.text()).isEqualTo("what time is it");
        } finally {
            recognizer.useGrammar("home", TestSpeech.HOME.jsgf(null));
        }
    }

    @Test
    void knowsWhichWordsItCannotPronounce() {
        assertThat(recognizer.unknownWords(List.of("kitchen", "zorbleflux", "light")))
                .containsExactly("zorbleflux");
    }
}
