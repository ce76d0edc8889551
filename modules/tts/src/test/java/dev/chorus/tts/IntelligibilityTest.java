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
    /** Long enough (8+ words) that the module sends each as a head and a tail. */
    static final List<String> LONG_SENTENCES = List.of(
            "Please turn off all the lights in the living room.",
            "The washing machine has finished and the clothes are ready.",
            "Your next meeting starts at ten in the small conference room.",
            "Remember to take an umbrella because it will rain this afternoon.",
            "The front door was unlocked at seven by the cleaning service.");
    /** Silence put between head and tail: more than an audio server needs to start the next playBytes. */
    static final int GAP_MS = 100;
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

    /**
     * The seam between the head and the tail of a long first sentence: even with {@link #GAP_MS} of silence
     * between them (an audio server that reopens its device for every playBytes) the sentences are
     * understood about as well as raw MaryTTS's.
     */
    @Test
    void headAndTailWithAGapBetweenAreUnderstoodAsWellAsRawMaryTts() throws Exception {
        final Optional<Pocketsphinx> sphinx = Pocketsphinx.find();
        Prerequisite.require(
                sphinx.isPresent(),
                "pocketsphinx (apt-get install pocketsphinx pocketsphinx-en-us; .ci/test-tools.sh does)");

        final TextToSpeech tts = TestSupport.shared();
        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final Path dir = TestSupport.tempDir("seams");
        final List<String> ours = new ArrayList<>();
        final List<String> rawHeard = new ArrayList<>();
        for (int i = 0; i < LONG_SENTENCES.size(); i++) {
            final List<java.util.concurrent.CompletableFuture<Pcm16>> chunks =
                    tts.synthesizeSentences(SpeechRequest.of(LONG_SENTENCES.get(i)));
            assertThat(chunks).as("head and tail").hasSize(2);
            final Pcm16 head = chunks.get(0).join();
            final Pcm16 tail = chunks.get(1).join();
            final Pcm16 gapped = Pcm16.concat(List.of(head, Pcm16.silence(16000, GAP_MS), tail));
            System.out.printf(
                    "seam after %d of %d ms: %s | %s%n",
                    head.duration().toMillis(),
                    head.duration().toMillis() + tail.duration().toMillis(),
                    LONG_SENTENCES.get(i),
                    quietAround(head, tail));
            final Path oursWav = dir.resolve("gapped-" + i + ".wav");
            Files.write(oursWav, gapped.toWav());
            ours.add(sphinx.get().recognise(oursWav, 16000));

            final Path rawWav = dir.resolve("raw-" + i + ".wav");
            final Pcm16 rawAudio;
            try (AudioInputStream ais = raw.generateAudio(LONG_SENTENCES.get(i))) {
                rawAudio = SpeechEngine.readFully(ais);
            }
            Files.write(rawWav, rawAudio.toWav());
            rawHeard.add(sphinx.get().recognise(rawWav, rawAudio.sampleRate()));
        }
        final double werOurs = Pocketsphinx.wordErrorRate(LONG_SENTENCES, ours);
        final double werRaw = Pocketsphinx.wordErrorRate(LONG_SENTENCES, rawHeard);
        for (int i = 0; i < LONG_SENTENCES.size(); i++) {
            System.out.printf(
                    "said: %s%n  head+%dms+tail: %s%n  raw:  %s%n",
                    LONG_SENTENCES.get(i), GAP_MS, ours.get(i), rawHeard.get(i));
        }
        System.out.printf(
                "WER head + %d ms + tail (16 kHz) %.2f, raw MaryTTS (48 kHz) %.2f%n", GAP_MS, werOurs, werRaw);
        assertThat(werOurs)
                .as("word error rate with a gap at the seam vs raw MaryTTS %.2f", werRaw)
                .isLessThanOrEqualTo(werRaw + MARGIN);
    }

    /** How long the audio is quiet (10 ms windows below the seam threshold) on each side of the seam. */
    static String quietAround(final Pcm16 head, final Pcm16 tail) {
        final short[] h = head.samples();
        final short[] t = tail.samples();
        final int w = head.sampleRate() / 100;
        int before = 0;
        while ((before + 1) * w <= h.length
                && SeamFinder.rms(h, h.length - (before + 1) * w, w) < SeamFinder.QUIET_RMS) {
            before++;
        }
        int after = 0;
        while ((after + 1) * w <= t.length && SeamFinder.rms(t, after * w, w) < SeamFinder.QUIET_RMS) {
            after++;
        }
        return "quiet " + before * 10 + " ms before the cut, " + after * 10 + " ms after";
    }
}
