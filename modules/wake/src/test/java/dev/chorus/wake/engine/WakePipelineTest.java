package dev.chorus.wake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.wake.Speech;
import dev.chorus.wake.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pipeline with the real models on espeak-ng speech. */
class WakePipelineTest {

    private static OpenWakeWord engine;

    @BeforeAll
    static void load() throws Exception {
        WakeModels models = WakeModels.find(TestModels.dir(), List.of()).orElseThrow();
        engine = OpenWakeWord.load(models, List.of("hey_jarvis", "alexa"));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-us", "en-gb", "en-us+f3"})
    void hearsHeyJarvis(String voice) throws Exception {
        List<Detection> heard = run(Speech.wav(voice, "hey jarvis", 1.5));
        assertThat(heard).extracting(Detection::wakeWordId).containsExactly("hey_jarvis");
    }

    @Test
    void hearsAlexa() throws Exception {
        assertThat(run(Speech.wav("en-us", "alexa", 1.5)))
                .extracting(Detection::wakeWordId)
                .containsExactly("alexa");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "turn on the kitchen light",
                "what time is it",
                "set a timer for five minutes",
                "the weather in paris is nice today",
                "hello there, how are you"
            })
    void otherSentencesDoNotFire(String sentence) throws Exception {
        assertThat(run(Speech.wav("en-us", sentence, 1.0))).isEmpty();
    }

    @Test
    void silenceDoesNotFire() throws Exception {
        WakePipeline pipeline = engine.pipeline(0.5, 32_000);
        List<Detection> heard = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // 30 s in 200 ms frames
            heard.addAll(pipeline.accept(new float[3200]));
        }
        assertThat(heard).isEmpty();
        assertThat(pipeline.scores().values()).allMatch(s -> s < 0.1f);
    }

    @Test
    void oneDetectionPerRefractoryPeriodAndAgainAfterIt() throws Exception {
        byte[] phrase = Speech.wav("en-us", "hey jarvis", 1.5);
        float[] samples = MonoSamples.of(phrase);
        WakePipeline pipeline = engine.pipeline(0.5, 10 * 16_000);
        List<Detection> heard = new ArrayList<>(pipeline.accept(samples));
        heard.addAll(pipeline.accept(samples)); // within 10 s of the first
        assertThat(heard).hasSize(1);
        pipeline.accept(new float[10 * 16_000]);
        assertThat(pipeline.accept(samples)).hasSize(1);
    }

    /** The detections of a whole clip fed in 32 ms frames, as a Hermes mic sends them. */
    static List<Detection> run(byte[] wav) throws Exception {
        float[] samples = MonoSamples.of(wav);
        WakePipeline pipeline = engine.pipeline(0.5, 32_000);
        List<Detection> heard = new ArrayList<>();
        for (int pos = 0; pos < samples.length; pos += 512) {
            float[] frame = Arrays.copyOfRange(samples, pos, Math.min(samples.length, pos + 512));
            heard.addAll(pipeline.accept(frame));
        }
        return heard;
    }
}
