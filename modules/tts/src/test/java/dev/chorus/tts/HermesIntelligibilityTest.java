package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.Prerequisite;
import dev.chorus.tts.hermes.AudioServerStub;
import dev.chorus.tts.hermes.StampedClient;
import io.micronaut.context.ApplicationContext;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link IntelligibilityTest} over the Hermes path: the WAVs the module publishes on playBytes
 * for {@code hermes/tts/say} must be recognised (pocketsphinx, default en-us model) about as well
 * as the raw 48 kHz MaryTTS output of the same sentences, within the same margin.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HermesIntelligibilityTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @Test
    void playBytesAudioIsUnderstoodAsWellAsRawMaryTts() throws Exception {
        final Optional<Pocketsphinx> sphinx = Pocketsphinx.find();
        Prerequisite.require(
                sphinx.isPresent(),
                "pocketsphinx (apt-get install pocketsphinx pocketsphinx-en-us; .ci/test-tools.sh does)");

        // the long ones go out as head + tail (two playBytes each)
        final List<String> sentences = new ArrayList<>(IntelligibilityTest.SENTENCES);
        sentences.addAll(IntelligibilityTest.LONG_SENTENCES);
        final Path dir = TestSupport.tempDir("hermes-intelligibility");
        final List<String> ours = new ArrayList<>();
        try (ApplicationContext module = ModuleHarness.of("tts", BROKER)
                        .env(
                                "CHORUS_TTS_CONFIG_DIR",
                                TestSupport.repoConfigDir().toString())
                        .env("CHORUS_TTS_WORKERS", "2")
                        .startConnected();
                AudioServerStub audio = AudioServerStub.start(BROKER);
                StampedClient client = StampedClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_FINISHED)) {
            for (int i = 0; i < sentences.size(); i++) {
                final String id = "intelligible-" + i;
                client.publishJson(Topics.TTS_SAY, new TtsSay(sentences.get(i), "lab", null, id, null, null));
                client.await(
                        Topics.TTS_SAY_FINISHED,
                        m -> id.equals(m.json(TtsSayFinished.class).id()));
                final List<AudioServerStub.Play> plays = audio.plays("lab").stream()
                        .filter(p -> p.requestId().equals(id) || p.requestId().startsWith(id + "-"))
                        .toList();
                if (IntelligibilityTest.LONG_SENTENCES.contains(sentences.get(i))) {
                    assertThat(plays)
                            .extracting(AudioServerStub.Play::requestId)
                            .containsExactly(id + "-0", id);
                }
                final Pcm16 wav = Pcm16.concat(
                        plays.stream().map(AudioServerStub.Play::wav).toList());
                assertThat(wav.sampleRate()).isEqualTo(16000);
                final Path file = dir.resolve("hermes-" + i + ".wav");
                Files.write(file, wav.toWav());
                ours.add(sphinx.get().recognise(file, wav.sampleRate()));
            }
        }

        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final List<String> rawHeard = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            final Pcm16 rawAudio;
            try (AudioInputStream ais = raw.generateAudio(sentences.get(i))) {
                rawAudio = SpeechEngine.readFully(ais);
            }
            final Path file = dir.resolve("raw-" + i + ".wav");
            Files.write(file, rawAudio.toWav());
            rawHeard.add(sphinx.get().recognise(file, rawAudio.sampleRate()));
        }
        for (int i = 0; i < sentences.size(); i++) {
            System.out.printf("said: %s%n  hermes: %s%n  raw:    %s%n", sentences.get(i), ours.get(i), rawHeard.get(i));
        }
        // the short sentences (one playBytes each) and the long ones (head + tail) each as well as raw MaryTTS
        final int shorts = IntelligibilityTest.SENTENCES.size();
        for (final int[] range : new int[][] {{0, shorts}, {shorts, sentences.size()}}) {
            final double werOurs =
                    Pocketsphinx.wordErrorRate(sentences.subList(range[0], range[1]), ours.subList(range[0], range[1]));
            final double werRaw = Pocketsphinx.wordErrorRate(
                    sentences.subList(range[0], range[1]), rawHeard.subList(range[0], range[1]));
            System.out.printf(
                    "WER over Hermes playBytes (16 kHz) %.2f, raw MaryTTS (48 kHz) %.2f, sentences %d-%d%n",
                    werOurs, werRaw, range[0], range[1] - 1);
            assertThat(werOurs)
                    .as("word error rate of the playBytes audio vs raw MaryTTS %.2f", werRaw)
                    .isLessThanOrEqualTo(werRaw + IntelligibilityTest.MARGIN);
        }
    }
}
