package dev.chorus.tts.bench;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.tts.Pcm16;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import dev.chorus.tts.hermes.AudioServerStub;
import dev.chorus.tts.hermes.StampedClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;

/**
 * The tts benchmark, everything in one JVM and one run so the figures compare on the same
 * (shared, loaded) machine:
 * <ol>
 *   <li>engine: warm real-time factor (synthesis time / audio duration) and time to first audio
 *       for a 10-word sentence and a 5-sentence paragraph: raw MaryTTS (LocalMaryInterface,
 *       48 kHz), Chorus TextToSpeech (16 kHz, sentences in parallel on the worker pool) and
 *       espeak-ng;</li>
 *   <li>Hermes over MQTT: the tts module on the in-process broker, time from publishing
 *       {@code hermes/tts/say} to the first {@code playBytes} arriving at an audio server (which
 *       answers playFinished at once), and to sayFinished;</li>
 *   <li>sentences per second with 2 sites speaking at once: the module over MQTT, raw MaryTTS
 *       with 2 threads, espeak-ng with 2 processes.</li>
 * </ol>
 * The render cache is off everywhere. Medians of {@code RUNS} runs after {@code WARM} warm-up runs.
 * <pre>./mvnw -q -pl modules/tts -am -P bench -DskipTests verify</pre>
 * Prints Markdown and, given a path (the bench profile passes docs/performance.md), writes it
 * between the {@code tts-bench} markers there.
 */
public final class TtsBenchmark {

    static final String COMMAND = "./mvnw -q -pl modules/tts -am -P bench -DskipTests verify";
    static final String SENTENCE = "Please turn off all the lights in the living room.";
    static final String PARAGRAPH = "Good morning, it is seven o'clock. The weather today is cloudy with some rain "
            + "in the afternoon. You have two meetings, the first one at nine. Your train leaves at eight fifteen "
            + "from platform three. Remember to take an umbrella with you.";
    /** Eight per site for the two-site throughput. */
    static final List<String> SITE_SENTENCES = List.of(
            "The kitchen light is on.",
            "It is twenty degrees in the bedroom.",
            "The front door is locked.",
            "Your timer has finished.",
            "The washing machine is done.",
            "It will rain this evening.",
            "The garage door is open.",
            "Good night, sleep well.",
            "The heating is turned down.",
            "Music is playing in the hall.",
            "The blinds are closed now.",
            "You have one new message.",
            "The oven is preheated.",
            "Tomorrow will be sunny and warm.",
            "The back door is unlocked.",
            "See you in the morning.");

    static final double RTF_TARGET = 0.12;
    static final double FIRST_AUDIO_TARGET_MS = 400;
    static final double PARAGRAPH_FACTOR = 1.5;
    /** Issue 12.4: machines differ by 2x, so the target is relative to raw MaryTTS in the same run. */
    static final double FIRST_AUDIO_RATIO = 0.6;

    private static final int WARM = 2;
    private static final int RUNS = 7;
    private static final int THROUGHPUT_RUNS = 3;

    private TtsBenchmark() {}

    record Sample(double firstAudioMs, double totalMs, double audioMs) {
        double rtf() {
            return totalMs / audioMs;
        }
    }

    public static void main(final String[] args) throws Exception {
        final Path doc = args.length > 0 ? Path.of(args[0]) : null;
        final String started =
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        final String loadBefore = loadAverage();
        final String configDir = System.getenv().getOrDefault("CHORUS_TTS_CONFIG_DIR", "../../tts");
        final boolean espeak = Files.isExecutable(Path.of("/usr/bin/espeak-ng"));

        // everything up first, so that every measurement below shares the same JVM and machine state
        final Path data = Files.createTempDirectory("tts-bench");
        final TtsConfig config = TtsConfig.fromEnv(Map.of(
                "CHORUS_TTS_CONFIG_DIR",
                configDir,
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_TTS_CACHE_MAX_BYTES",
                "0",
                "CHORUS_TTS_WORKERS",
                "2"));
        final long t0 = System.nanoTime();
        final TextToSpeech ours = TextToSpeech.start(config);
        final double startMs = (System.nanoTime() - t0) / 1e6;
        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final InProcessBroker broker = InProcessBroker.create().start();
        final String report;
        try (ApplicationContext module = ModuleHarness.of("tts", broker)
                        .env("CHORUS_TTS_CONFIG_DIR", configDir)
                        .env("CHORUS_TTS_WORKERS", "2")
                        .env("CHORUS_TTS_CACHE_MAX_BYTES", "0")
                        .property("spec.name", "TtsBenchmark")
                        .startConnected();
                AudioServerStub audio = AudioServerStub.start(broker);
                StampedClient client = StampedClient.connect(broker, "operator").subscribe(Topics.TTS_SAY_FINISHED)) {
            final BenchSayEvents events = module.getBean(BenchSayEvents.class);
            final AtomicInteger ids = new AtomicInteger();
            final String[] texts = {SENTENCE, PARAGRAPH};

            // 1 + 2: rounds interleave the variants, so load changes hit all of them alike
            final List<List<List<Sample>>> samples = new ArrayList<>(); // [text][variant] -> samples
            final List<List<double[]>> breakdown = new ArrayList<>(); // [text] -> {say→module, module→first playBytes}
            // 10-word sentence, per round: first chunk (engine) and first playBytes (MQTT) / raw whole sentence
            final List<double[]> ratios = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                samples.add(new ArrayList<>(
                        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>())));
                breakdown.add(new ArrayList<>());
            }
            for (int round = 0; round < WARM + RUNS; round++) {
                for (int t = 0; t < 2; t++) {
                    final String text = texts[t];
                    final Sample r = rawMary(raw, text);
                    final Sample c = chorus(ours, text);
                    final Sample e = espeak ? espeak(text) : null;
                    final String id = "bench-" + ids.incrementAndGet();
                    final long sent = System.nanoTime();
                    final Sample h = overMqtt(client, audio, text, id, sent);
                    if (round >= WARM) {
                        samples.get(t).get(0).add(r);
                        samples.get(t).get(1).add(c);
                        if (e != null) {
                            samples.get(t).get(2).add(e);
                        }
                        samples.get(t).get(3).add(h);
                        final long received = events.received.get(id);
                        final long synthesized = events.firstSynthesized.get(id);
                        final long arrived = sent + Math.round(h.firstAudioMs() * 1e6);
                        if (t == 0) {
                            ratios.add(new double[] {c.firstAudioMs() / r.totalMs(), h.firstAudioMs() / r.totalMs()});
                        }
                        breakdown.get(t).add(new double[] {
                            (received - sent) / 1e6,
                            (synthesized - received) / 1e6,
                            (arrived - synthesized) / 1e6,
                            (events.firstPublished.get(id) - synthesized) / 1e6
                        });
                    }
                }
            }
            final Sample[][] engine = new Sample[2][3];
            final Sample[] hermes = new Sample[2];
            final double[][] parts = new double[2][4];
            for (int t = 0; t < 2; t++) {
                for (int v = 0; v < 3; v++) {
                    engine[t][v] = samples.get(t).get(v).isEmpty()
                            ? null
                            : median(samples.get(t).get(v));
                }
                hermes[t] = median(samples.get(t).get(3));
                for (int p = 0; p < 4; p++) {
                    final int part = p;
                    parts[t][p] = median(
                            breakdown.get(t).stream().mapToDouble(d -> d[part]).toArray());
                }
            }

            // 3: two sites, interleaved rounds after one warm-up round each
            final List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            final LocalMaryInterface[] twoMary = {new LocalMaryInterface(), new LocalMaryInterface()};
            for (final LocalMaryInterface m : twoMary) {
                m.setVoice("cmu-slt-hsmm");
            }
            for (int round = 0; round < 1 + THROUGHPUT_RUNS; round++) {
                final double c = twoSitesOverMqtt(client, audio, ids);
                final double r = twoSitesRawMary(twoMary);
                final double e = espeak ? twoSitesEspeak() : Double.NaN;
                if (round > 0) {
                    rates.get(0).add(c);
                    rates.get(1).add(r);
                    rates.get(2).add(e);
                }
            }
            final double[] sitesPerSecond = new double[3];
            for (int v = 0; v < 3; v++) {
                sitesPerSecond[v] = median(
                        rates.get(v).stream().mapToDouble(Double::doubleValue).toArray());
            }
            final double[] firstRatio = {
                median(ratios.stream().mapToDouble(d -> d[0]).toArray()),
                median(ratios.stream().mapToDouble(d -> d[1]).toArray())
            };
            report = report(
                    started,
                    loadBefore,
                    loadAverage(),
                    startMs,
                    engine,
                    hermes,
                    parts,
                    sitesPerSecond,
                    espeak,
                    firstRatio);
        } finally {
            ours.close();
            broker.close();
        }
        System.out.println(report);
        if (doc != null) {
            TtsPerformanceDoc.write(doc, report);
            System.out.println("written to " + doc.toAbsolutePath().normalize());
        }
        System.exit(0);
    }

    private static String report(
            final String started,
            final String loadBefore,
            final String loadAfter,
            final double startMs,
            final Sample[][] engine,
            final Sample[] hermes,
            final double[][] parts,
            final double[] sites,
            final boolean espeak,
            final double[] firstRatio) {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Measured %s UTC on %d CPUs, %s %s; load average before/after: %s / %s.%n%n",
                started,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                loadBefore,
                loadAfter));
        out.append("Command: `")
                .append(COMMAND)
                .append("` (runs `dev.chorus.tts.bench.TtsBenchmark`: everything in one JVM, ")
                .append("render cache off, 2 MaryTTS workers, warm: median of ")
                .append(RUNS)
                .append(" interleaved rounds after ")
                .append(WARM)
                .append(" warm-up rounds; two-site throughput: median of ")
                .append(THROUGHPUT_RUNS)
                .append(" interleaved rounds). Engine start incl. MaryTTS start and warm-up: ")
                .append(String.format(Locale.ROOT, "%.0f ms.%n%n", startMs));

        out.append("Engine (no MQTT). First audio: raw MaryTTS and espeak-ng = first bytes of the stream; Chorus = "
                + "first chunk ready to publish (the head of a first sentence of 8 or more words, else the first "
                + "sentence); total = every chunk ready.\n\n");
        out.append(
                "| text | engine | audio s | first audio ms | total ms | real-time factor |\n|---|---|---:|---:|---:|---:|\n");
        final String[] names = {"10-word sentence", "5-sentence paragraph"};
        final String[] engines = {"raw MaryTTS 48 kHz", "Chorus TextToSpeech 16 kHz", "espeak-ng 22 kHz"};
        for (int t = 0; t < 2; t++) {
            for (int e = 0; e < 3; e++) {
                if (engine[t][e] != null) {
                    row(out, names[t], engines[e], engine[t][e]);
                }
            }
        }

        out.append("\nHermes over MQTT (tts module, in-process broker, audio server answering playFinished at once): ")
                .append(
                        "from publishing `hermes/tts/say` to the first `playBytes` at the audio server, and to `sayFinished`.\n\n");
        out.append("| text | audio s | first playBytes ms | = say → module | + first sentence synthesized "
                + "| + playBytes → audio server | (playBytes acknowledged) | sayFinished ms | real-time factor |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int t = 0; t < 2; t++) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.3f |%n",
                    names[t],
                    hermes[t].audioMs() / 1000,
                    hermes[t].firstAudioMs(),
                    parts[t][0],
                    parts[t][1],
                    parts[t][2],
                    parts[t][3],
                    hermes[t].totalMs(),
                    hermes[t].rtf()));
        }
        out.append("\n(Medians of each part separately, so they need not add up exactly.)\n");

        out.append("\nTwo sites at once, ")
                .append(SITE_SENTENCES.size() / 2)
                .append(" short sentences each (same texts for every engine):\n\n");
        out.append("| engine | sentences/s |\n|---|---:|\n");
        out.append(String.format(
                Locale.ROOT, "| Chorus tts module over MQTT (2 workers; per site in order) | %.2f |%n", sites[0]));
        out.append(String.format(Locale.ROOT, "| raw MaryTTS, 2 threads | %.2f |%n", sites[1]));
        if (espeak) {
            out.append(String.format(Locale.ROOT, "| espeak-ng, 2 processes at a time | %.2f |%n", sites[2]));
        }

        out.append(String.format(
                Locale.ROOT,
                "%nTime to first audio of the 10-word sentence against raw MaryTTS's time for the whole sentence, "
                        + "per round (same JVM, same minute), median: first chunk ready %.2f ×, first playBytes over "
                        + "MQTT %.2f × (raw MaryTTS whole sentence: median %.0f ms).%n",
                firstRatio[0],
                firstRatio[1],
                engine[0][0].totalMs()));

        final double rawRtf = engine[1][0].rtf();
        final double ourRtf = engine[1][1].rtf();
        final double sentenceFirst = hermes[0].firstAudioMs();
        final double paragraphFirst = hermes[1].firstAudioMs();
        out.append("\nTargets (same run):\n\n| target | measured | met |\n|---|---|---|\n");
        target(
                out,
                "real-time factor ≤ " + RTF_TARGET + " (Chorus, paragraph, warm)",
                String.format(Locale.ROOT, "%.3f", ourRtf),
                ourRtf <= RTF_TARGET);
        target(
                out,
                "real-time factor no worse than raw MaryTTS (paragraph)",
                String.format(Locale.ROOT, "%.3f vs %.3f", ourRtf, rawRtf),
                ourRtf <= rawRtf);
        target(
                out,
                "first audio ≤ " + (int) FIRST_AUDIO_TARGET_MS + " ms, 10-word sentence (first playBytes over MQTT)",
                String.format(Locale.ROOT, "%.0f ms", sentenceFirst),
                sentenceFirst <= FIRST_AUDIO_TARGET_MS);
        target(
                out,
                "first playBytes ≤ " + FIRST_AUDIO_RATIO
                        + " × raw MaryTTS's whole sentence, 10-word sentence (per round)",
                String.format(Locale.ROOT, "%.2f ×", firstRatio[1]),
                firstRatio[1] <= FIRST_AUDIO_RATIO);
        target(
                out,
                "first audio of the paragraph ≤ " + PARAGRAPH_FACTOR + " × the sentence's (first playBytes over MQTT)",
                String.format(Locale.ROOT, "%.0f ms = %.2f ×", paragraphFirst, paragraphFirst / sentenceFirst),
                paragraphFirst <= PARAGRAPH_FACTOR * sentenceFirst);
        target(
                out,
                "first audio of the paragraph ≤ " + (int) (PARAGRAPH_FACTOR * FIRST_AUDIO_TARGET_MS) + " ms",
                String.format(Locale.ROOT, "%.0f ms", paragraphFirst),
                paragraphFirst <= PARAGRAPH_FACTOR * FIRST_AUDIO_TARGET_MS);
        return out.toString();
    }

    private static void target(final StringBuilder out, final String what, final String measured, final boolean met) {
        out.append("| ")
                .append(what)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    private static Sample median(final List<Sample> samples) {
        return new Sample(
                median(samples.stream().mapToDouble(Sample::firstAudioMs).toArray()),
                median(samples.stream().mapToDouble(Sample::totalMs).toArray()),
                samples.get(0).audioMs());
    }

    /**
     * MaryTTS hands back the stream once the text analysis is done and renders while it is read; first audio = first
     * bytes read, total = the stream's end.
     */
    static Sample rawMary(final LocalMaryInterface mary, final String text) throws Exception {
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
        final List<CompletableFuture<Pcm16>> chunks = tts.synthesizeSentences(SpeechRequest.of(text));
        final Pcm16 first = chunks.get(0).join();
        final long firstAt = System.nanoTime();
        double audioMs = first.duration().toNanos() / 1e6;
        for (int i = 1; i < chunks.size(); i++) {
            audioMs += chunks.get(i).join().duration().toNanos() / 1e6;
        }
        return new Sample((firstAt - t0) / 1e6, (System.nanoTime() - t0) / 1e6, audioMs);
    }

    /** say → first playBytes at the audio server (arrival stamp) → sayFinished (arrival stamp). */
    private static Sample overMqtt(
            final StampedClient client,
            final AudioServerStub audio,
            final String text,
            final String id,
            final long t0) {
        client.publishJson(Topics.TTS_SAY, new TtsSay(text, "bench", null, id, null, null));
        final StampedClient.Message finished = client.await(Topics.TTS_SAY_FINISHED, m -> isFor(m, id));
        final List<AudioServerStub.Play> plays = audio.plays("bench").stream()
                .filter(p -> p.requestId().equals(id) || p.requestId().startsWith(id + "-"))
                .toList();
        final long first =
                plays.stream().mapToLong(AudioServerStub.Play::arrivedAt).min().orElseThrow();
        final double audioMs = plays.stream()
                .mapToDouble(p -> p.wav().duration().toNanos() / 1e6)
                .sum();
        audio.clear();
        client.clear();
        return new Sample((first - t0) / 1e6, (finished.arrivedAt() - t0) / 1e6, audioMs);
    }

    /** All says of both sites published at once; sentences per second until the last sayFinished. */
    private static double twoSitesOverMqtt(
            final StampedClient client, final AudioServerStub audio, final AtomicInteger ids) {
        final List<String> sent = new ArrayList<>();
        final long t0 = System.nanoTime();
        for (int i = 0; i < SITE_SENTENCES.size(); i++) {
            final String id = "two-" + ids.incrementAndGet();
            client.publishJson(
                    Topics.TTS_SAY,
                    new TtsSay(SITE_SENTENCES.get(i), i % 2 == 0 ? "site-a" : "site-b", null, id, null, null));
            sent.add(id);
        }
        long last = 0;
        for (final String id : sent) {
            last = Math.max(
                    last,
                    client.await(Topics.TTS_SAY_FINISHED, m -> isFor(m, id)).arrivedAt());
        }
        client.clear();
        audio.clear();
        return SITE_SENTENCES.size() / ((last - t0) / 1e9);
    }

    /** Cheap (no JSON decoding while polling, which would compete with synthesis for the CPUs). */
    private static boolean isFor(final StampedClient.Message m, final String id) {
        return m.text().contains("\"id\": \"" + id + "\"");
    }

    private static double twoSitesRawMary(final LocalMaryInterface[] mary) throws Exception {
        return twoSites(site -> {
            try (AudioInputStream ais = mary[site.index].generateAudio(site.text)) {
                ais.readAllBytes();
            }
        });
    }

    private static double twoSitesEspeak() throws Exception {
        return twoSites(site -> {
            final Process p = new ProcessBuilder("/usr/bin/espeak-ng", "--stdout", site.text)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (InputStream in = p.getInputStream()) {
                in.readAllBytes();
            }
            p.waitFor();
        });
    }

    private record SiteText(int index, String text) {}

    private interface Speak {
        void speak(SiteText text) throws Exception;
    }

    /** Two threads, one per site, each speaking its sentences in order. */
    private static double twoSites(final Speak speak) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final long t0 = System.nanoTime();
            final List<Future<?>> sites = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                final int site = s;
                sites.add(pool.submit(() -> {
                    for (int i = site; i < SITE_SENTENCES.size(); i += 2) {
                        speak.speak(new SiteText(site, SITE_SENTENCES.get(i)));
                    }
                    return null;
                }));
            }
            for (final Future<?> f : sites) {
                f.get();
            }
            return SITE_SENTENCES.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** espeak-ng writing WAV to stdout; first audio = first sample bytes after the header. */
    private static Sample espeak(final String text) throws IOException, InterruptedException {
        final long t0 = System.nanoTime();
        final Process p = new ProcessBuilder("/usr/bin/espeak-ng", "--stdout", text)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
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
        table.append(String.format(
                Locale.ROOT,
                "| %s | %s | %.1f | %.0f | %.0f | %.3f |%n",
                text,
                engine,
                s.audioMs() / 1000,
                s.firstAudioMs(),
                s.totalMs(),
                s.rtf()));
    }

    private static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            final String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
