package dev.chorus.wake;

import dev.chorus.wake.engine.Detection;
import dev.chorus.wake.engine.MonoSamples;
import dev.chorus.wake.engine.OpenWakeWord;
import dev.chorus.wake.engine.WakeModels;
import dev.chorus.wake.engine.WakePipeline;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of docs/performance.md "Wake word": detection rate over espeak-ng voices, false accepts per hour on
 * a long stretch of other speech, CPU per site. Not a test (asserts nothing): runs only with {@code -Dwake.bench=true}
 * (command in performance.md) and writes {@code target/wake-bench.md}.
 */
@EnabledIfSystemProperty(named = "wake.bench", matches = "true")
class WakeBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(WakeBenchmark.class);

    private static final List<String> VOICES =
            List.of("en-us", "en-gb", "en-us+f3", "en-gb-scotland", "en-029", "en-us-nyc", "en-gb-x-rp", "en-us+m3");
    private static final Map<String, String> PHRASES =
            Map.of("hey_jarvis", "hey jarvis", "alexa", "alexa", "hey_rhasspy", "hey rhasspy");
    private static final double NOISE = 0.03;

    @Test
    void measure() throws Exception {
        List<String> out = new ArrayList<>();
        out.add("load average before: " + loadAverage());
        WakeModels models = WakeModels.find(TestModels.dir(), List.of()).orElseThrow();
        List<String> words = List.of("hey_jarvis", "alexa", "hey_rhasspy");
        try (OpenWakeWord engine = OpenWakeWord.load(models, words)) {
            out.add("");
            out.add("| wake word | clean, detected | with noise, detected | max score (clean, per voice) |");
            out.add("|---|---:|---:|---|");
            for (String word : words) {
                int clean = 0;
                int noisy = 0;
                List<String> maxima = new ArrayList<>();
                for (String voice : VOICES) {
                    Result c = run(engine, Speech.wav(voice, PHRASES.get(word), 1.5), word);
                    Result n = run(engine, Speech.wav(voice, PHRASES.get(word), 1.5, NOISE), word);
                    clean += c.detections().getOrDefault(word, 0) > 0 ? 1 : 0;
                    noisy += n.detections().getOrDefault(word, 0) > 0 ? 1 : 0;
                    maxima.add(String.format("%.2f", c.maxScore()));
                }
                out.add("| " + word + " | " + clean + "/" + VOICES.size() + " | " + noisy + "/" + VOICES.size() + " | "
                        + String.join(" ", maxima) + " |");
            }

            String text = Files.readString(Path.of("/usr/share/common-licenses/GPL-3"), StandardCharsets.UTF_8);
            int wordsSpoken = text.split("\\s+").length;
            byte[] speech = Speech.longWav("en-us", text, NOISE);
            float[] samples = MonoSamples.of(speech);
            double hours = samples.length / 16_000.0 / 3600;
            WakePipeline pipeline = engine.pipeline(0.5, 32_000);
            Map<String, Integer> falseAccepts = new LinkedHashMap<>();
            for (int pos = 0; pos < samples.length; pos += 512) {
                for (Detection d :
                        pipeline.accept(Arrays.copyOfRange(samples, pos, Math.min(samples.length, pos + 512)))) {
                    falseAccepts.merge(d.wakeWordId(), 1, Integer::sum);
                }
            }
            out.add("");
            out.add(String.format(
                    "False accepts: espeak-ng en-us reading the GPL-3 text (%d words, %.1f min, white noise %.2f),"
                            + " all three models at threshold 0.5: %s → %.1f per hour for the three together.",
                    wordsSpoken,
                    hours * 60,
                    NOISE,
                    falseAccepts.isEmpty() ? "none" : falseAccepts.toString(),
                    falseAccepts.values().stream().mapToInt(Integer::intValue).sum() / hours));
        }

        try (OpenWakeWord one = OpenWakeWord.load(models, List.of("hey_jarvis"))) {
            WakePipeline pipeline = one.pipeline(0.5, 32_000);
            float[] frame = new float[512];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < frame.length; i++) {
                frame[i] = random.nextInt(4001) - 2000;
            }
            int frames = 60 * 16_000 / 512; // 60 s of audio
            for (int i = 0; i < 300; i++) { // warm-up
                pipeline.accept(frame);
            }
            var threads = ManagementFactory.getThreadMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                pipeline.accept(frame);
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            double audio = frames * 512 / 16_000.0;
            out.add("");
            out.add(String.format(
                    "CPU per listening site (hey_jarvis only, %.0f s of audio in 32 ms frames): %.1f s CPU = %.1f %% of one"
                            + " core (wall %.1f s, %.3f× real time); each more wake word adds one small model.",
                    audio, cpu, 100 * cpu / audio, wall, wall / audio));
        }
        Runtime rt = Runtime.getRuntime();
        out.add(String.format("Heap used after the runs: %d MiB.", (rt.totalMemory() - rt.freeMemory()) >> 20));
        out.add("load average after: " + loadAverage());
        String report = String.join("\n", out) + "\n";
        Files.writeString(Path.of("target", "wake-bench.md"), report);
        LOG.info("wake word benchmark:\n{}", report);
    }

    private record Result(Map<String, Integer> detections, float maxScore) {}

    private static Result run(OpenWakeWord engine, byte[] wav, String word) throws Exception {
        float[] samples = MonoSamples.of(wav);
        WakePipeline pipeline = engine.pipeline(0.5, 32_000);
        Map<String, Integer> detections = new LinkedHashMap<>();
        float max = 0;
        for (int pos = 0; pos < samples.length; pos += 512) {
            for (Detection d : pipeline.accept(Arrays.copyOfRange(samples, pos, Math.min(samples.length, pos + 512)))) {
                detections.merge(d.wakeWordId(), 1, Integer::sum);
            }
            max = Math.max(max, pipeline.scores().get(word));
        }
        return new Result(detections, max);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
