package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testkit.Prerequisite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Speech recognition (Debian pocketsphinx, default en-us model) must understand the module's
 * 16 kHz output at least about as well as the raw 48 kHz MaryTTS output of the same sentences:
 * resampling, chunking and the rest of the pipeline must not cost intelligibility.
 * Needs {@code apt-get install pocketsphinx pocketsphinx-en-us}: skipped without it, except
 * with CI=true, where it fails.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IntelligibilityTest {

    static final List<String> SENTENCES = List.of(
            "Turn on the light in the kitchen.",
            "What time is it now?",
            "Set a timer for ten minutes.",
            "The weather will be sunny tomorrow.",
            "Please play some music in the living room.");
    /** How much worse than raw MaryTTS our word error rate may be. */
    static final double MARGIN = 0.10;

    @Test
    void recognisersUnderstandUsAsWellAsRawMaryTts() throws Exception {
        final Optional<Pocketsphinx> sphinx = Pocketsphinx.find();
        Prerequisite.require(
                sphinx.isPresent(),
                "pocketsphinx (apt-get install pocketsphinx pocketsphinx-en-us; .ci/test-tools.sh does)");

        final TextToSpeech tts = TestSupport.shared();
        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final Path dir = TestSupport.tempDir("intelligibility");
        final List<String> ours = new ArrayList<>();
        final List<String> rawHeard = new ArrayList<>();
        for (int i = 0; i < SENTENCES.size(); i++) {
            final Path oursWav = dir.resolve("ours-" + i + ".wav");
            final Pcm16 wav = tts.synthesize(SpeechRequest.of(SENTENCES.get(i)));
            assertThat(wav.sampleRate()).isEqualTo(16000);
            Files.write(oursWav, wav.toWav());
            ours.add(sphinx.get().recognise(oursWav, 16000));

            final Path rawWav = dir.resolve("raw-" + i + ".wav");
            final Pcm16 rawAudio;
            try (AudioInputStream ais = raw.generateAudio(SENTENCES.get(i))) {
                rawAudio = SpeechEngine.readFully(ais);
            }
            Files.write(rawWav, rawAudio.toWav());
            rawHeard.add(sphinx.get().recognise(rawWav, rawAudio.sampleRate()));
        }
        final double werOurs = Pocketsphinx.wordErrorRate(SENTENCES, ours);
        final double werRaw = Pocketsphinx.wordErrorRate(SENTENCES, rawHeard);
        for (int i = 0; i < SENTENCES.size(); i++) {
            System.out.printf("said: %s%n  ours: %s%n  raw:  %s%n", SENTENCES.get(i), ours.get(i), rawHeard.get(i));
        }
        System.out.printf("WER ours (16 kHz) %.2f, raw MaryTTS (48 kHz) %.2f%n", werOurs, werRaw);

        assertThat(werOurs)
                .as("word error rate of our output vs raw MaryTTS %.2f", werRaw)
                .isLessThanOrEqualTo(werRaw + MARGIN);
    }
}
