package dev.chorus.tts.bench;

import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import dev.chorus.tts.Wav;
import marytts.LocalMaryInterface;

import javax.sound.sampled.AudioInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Warm real-time factor (synthesis time / audio duration) and time to first audio for a
 * 10-word sentence and a 5-sentence paragraph: raw MaryTTS (LocalMaryInterface, 48 kHz), our
 * TextToSpeech (16 kHz, sentences in parallel on the worker pool, cache off) and espeak-ng.
 * <pre>./mvnw -q -pl modules/tts -am -P bench -DskipTests verify</pre>
 * Prints a Markdown table. Medians of {@code RUNS} runs after {@code WARM} warm-up runs.
 */
public final class TtsBenchmark {

    static final String SENTENCE = "Please turn off all the lights in the living room.";
    static final String PARAGRAPH = "Good morning, it is seven o'clock. The weather today is cloudy with some rain "
            + "in the afternoon. You have two meetings, the first one at nine. Your train leaves at eight fifteen "
            + "from platform three. Remember to take an umbrella with you.";
    private static final int WARM = 2;
    private static final int RUNS = 5;

    private TtsBenchmark() {
    }

    record Sample(double firstAudioMs, double totalMs, double audioMs) {
    }

    public static void main(final String[] args) throws Exception {
        final Path data = Files.createTempDirectory("tts-bench");
        final String configDir = System.getenv().getOrDefault("CHORUS_TTS_CONFIG_DIR", "../../tts");
        final TtsConfig config = TtsConfig.fromEnv(Map.of("CHORUS_TTS_CONFIG_DIR", configDir,
                "CHORUS_DATA_DIR", data.toString(), "CHORUS_TTS_CACHE_MAX_BYTES", "0"));
        final long t0 = System.nanoTime();
        final TextToSpeech ours = TextToSpeech.start(config);
        final double startMs = (System.nanoTime() - t0) / 1e6;
        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final boolean espeak = Files.isExecutable(Path.of("/usr/bin/espeak-ng"));

        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%nTTS benchmark (%d cores, %s workers, warm, median of %d)%n",
                Runtime.getRuntime().availableProcessors(), config.workers(), RUNS));
        table.append(String.format(Locale.ROOT, "Engine start incl. MaryTTS start and warm-up: %.0f ms%n%n", startMs));
        table.append("| text | engine | audio s | first audio ms | total ms | RTF |\n|---|---|---|---|---|---|\n");
        for (final String[] text : new String[][] {{"10-word sentence", SENTENCE}, {"5-sentence paragraph", PARAGRAPH}}) {
            row(table, text[0], "raw MaryTTS 48 kHz", measure(() -> rawMary(raw, text[1])));
            row(table, text[0], "Chorus TextToSpeech 16 kHz", measure(() -> chorus(ours, text[1])));
            if (espeak) {
                row(table, text[0], "espeak-ng 22 kHz", measure(() -> espeak(text[1])));
            }
        }
        System.out.println(table);
        ours.close();
        System.exit(0);
    }

    private interface Run {
        Sample once() throws Exception;
    }

    private static Sample measure(final Run run) throws Exception {
        for (int i = 0; i < WARM; i++) {
            run.once();
        }
        final List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            samples.add(run.once());
        }
        return new Sample(median(samples.stream().mapToDouble(Sample::firstAudioMs).toArray()),
                median(samples.stream().mapToDouble(Sample::totalMs).toArray()), samples.get(0).audioMs());
    }

    /** MaryTTS hands back the stream once the whole text is rendered; first audio = first bytes read. */
    private static Sample rawMary(final LocalMaryInterface mary, final String text) throws Exception {
        final long t0 = System.nanoTime();
        long first = 0;
        long bytes = 0;
        final byte[] buf = new byte[4096];
        try (AudioInputStream ais = mary.generateAudio(text)) {
            int n;
            while ((n = ais.read(buf)) > 0) {
                if (first == 0) {
                    first = System.nanoTime();
                }
                bytes += n;
            }
            final double audioMs = bytes / 2.0 / ais.getFormat().getSampleRate() * 1000;
            return new Sample((first - t0) / 1e6, (System.nanoTime() - t0) / 1e6, audioMs);
        }
    }

    /** First audio = first sentence ready to publish. */
    private static Sample chorus(final TextToSpeech tts, final String text) {
        final long t0 = System.nanoTime();
        final List<CompletableFuture<Wav>> chunks = tts.synthesizeSentences(SpeechRequest.of(text));
        final Wav first = chunks.get(0).join();
        final long firstAt = System.nanoTime();
        double audioMs = first.duration().toNanos() / 1e6;
        for (int i = 1; i < chunks.size(); i++) {
            audioMs += chunks.get(i).join().duration().toNanos() / 1e6;
        }
        return new Sample((firstAt - t0) / 1e6, (System.nanoTime() - t0) / 1e6, audioMs);
    }

    /** espeak-ng writing WAV to stdout; first audio = first sample bytes after the header. */
    private static Sample espeak(final String text) throws IOException, InterruptedException {
        final long t0 = System.nanoTime();
        final Process p = new ProcessBuilder("/usr/bin/espeak-ng", "--stdout", text)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long first = 0;
        long bytes = 0;
        final byte[] buf = new byte[4096];
        try (InputStream in = p.getInputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                if (first == 0 && bytes > 44) {
                    first = System.nanoTime();
                }
            }
        }
        p.waitFor();
        final double audioMs = (bytes - 44) / 2.0 / 22050 * 1000;
        return new Sample((first - t0) / 1e6, (System.nanoTime() - t0) / 1e6, audioMs);
    }

    private static void row(final StringBuilder table, final String text, final String engine, final Sample s) {
        table.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f | %.0f | %.3f |%n", text, engine,
                s.audioMs() / 1000, s.firstAudioMs(), s.totalMs(), s.totalMs() / s.audioMs()));
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
