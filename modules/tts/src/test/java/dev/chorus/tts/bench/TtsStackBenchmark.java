package dev.chorus.tts.bench;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.tts.hermes.StampedClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import marytts.LocalMaryInterface;

/**
 * Time to first audio against a running stack (the tts module in its container), next to raw MaryTTS in
 * this JVM on the same machine in the same run: for each of {@value #WARM} + {@value #RUNS} distinct
 * 10-word sentences (never said to this stack before, so its render cache misses), raw MaryTTS's time for
 * the whole sentence here, then {@code hermes/tts/say} over MQTT → first {@code playBytes} at this client
 * → {@code sayFinished}, one say at a time. Prints Markdown.
 * <pre>
 * CHORUS_BENCH_MQTT_URI=tcp://127.0.0.1:11883 CHORUS_BENCH_PASSWORD=... \
 *   java -cp "$(cat cp.txt):modules/tts/target/classes:modules/tts/target/test-classes" dev.chorus.tts.bench.TtsStackBenchmark
 * </pre>
 * The password is the stack's operator password ({@code docker compose exec -T broker cat
 * /run/secrets/mqtt-credentials/operator}). Use a fresh stack ({@code down -v} after), or the cache hits.
 */
public final class TtsStackBenchmark {

    private static final int WARM = 20;
    private static final int RUNS = 21;
    private static final String SITE = "bench";
    private static final String[] VERBS = {"turn off", "switch on", "turn on", "switch off"};
    private static final String[] THINGS = {"lights", "lamps", "heaters", "fans", "blinds"};
    private static final String[] ROOMS = {"living room", "dining room", "guest room", "play room", "boiler room"};

    private TtsStackBenchmark() {}

    public static void main(final String[] args) throws Exception {
        final String uri = System.getenv().getOrDefault("CHORUS_BENCH_MQTT_URI", "tcp://127.0.0.1:1883");
        final String password = System.getenv("CHORUS_BENCH_PASSWORD");
        if (password == null) {
            throw new IllegalArgumentException("set CHORUS_BENCH_PASSWORD to the stack's operator password");
        }
        final List<String> texts = new ArrayList<>();
        for (final String verb : VERBS) {
            for (final String thing : THINGS) {
                for (final String room : ROOMS) {
                    texts.add("Please " + verb + " all the " + thing + " in the " + room + ".");
                }
            }
        }
        Collections.shuffle(texts, new Random(System.nanoTime()));
        final String started =
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        final String loadBefore = loadAverage();

        final LocalMaryInterface raw = new LocalMaryInterface();
        raw.setVoice("cmu-slt-hsmm");
        final Map<String, Long> firstPlay = new ConcurrentHashMap<>();
        final Map<String, Long> lastPlay = new ConcurrentHashMap<>();
        final Map<String, Integer> plays = new ConcurrentHashMap<>();
        final String prefix = "hermes/audioServer/" + SITE + "/playBytes/";
        final double[] rawMs = new double[RUNS];
        final double[] firstMs = new double[RUNS];
        final double[] finishedMs = new double[RUNS];
        final double[] lastMs = new double[RUNS];
        int playBytesPerSay = 0;
        try (StampedClient client = new StampedClient(uri, "operator", password)) {
            client.onMessage(m -> {
                if (m.topic().startsWith(prefix)) {
                    final String playId = m.topic().substring(prefix.length());
                    final String say = playId.replaceAll("-\\d+$", "");
                    firstPlay.putIfAbsent(say, m.arrivedAt());
                    if (playId.equals(say)) {
                        lastPlay.put(say, m.arrivedAt());
                    }
                    plays.merge(say, 1, Integer::sum);
                }
            });
            client.subscribe(prefix + "#", Topics.TTS_SAY_FINISHED);
            for (int round = 0; round < WARM + RUNS; round++) {
                final String text = texts.get(round);
                // not AudioInputStream.readAllBytes: on MaryTTS's stream it stops after the first 8 KiB
                // (the runs before the one of 2026-12-03 15:57 timed only that)
                final double rawRound = TtsBenchmark.rawMary(raw, text).totalMs();
                final String id = "stack" + round + "x" + Long.toHexString(System.nanoTime());
                final long t0 = System.nanoTime();
                client.publishJson(Topics.TTS_SAY, new TtsSay(text, SITE, null, id, null, null));
                final StampedClient.Message finished =
                        client.await(Topics.TTS_SAY_FINISHED, m -> m.text().contains("\"" + id + "\""));
                if (round >= WARM) {
                    final int k = round - WARM;
                    rawMs[k] = rawRound;
                    firstMs[k] = (firstPlay.get(id) - t0) / 1e6;
                    finishedMs[k] = (finished.arrivedAt() - t0) / 1e6;
                    lastMs[k] = (lastPlay.get(id) - t0) / 1e6;
                    playBytesPerSay = Math.max(playBytesPerSay, plays.get(id));
                }
                client.clear();
            }
        }
        final double[] ratio = new double[RUNS];
        final double[] inStack = new double[RUNS];
        for (int k = 0; k < RUNS; k++) {
            ratio[k] = firstMs[k] / rawMs[k];
            inStack[k] = firstMs[k] / lastMs[k];
        }
        final StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Stack: measured %s UTC on %d CPUs; load average before/after: %s / %s; %d distinct uncached "
                        + "10-word sentences after %d warm-up says, one at a time, site `%s`, up to %d playBytes a say.%n%n",
                started,
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAverage(),
                RUNS,
                WARM,
                SITE,
                playBytesPerSay));
        out.append("| measure | median ms | min-max ms |\n|---|---:|---:|\n");
        row(out, "raw MaryTTS, whole sentence (this JVM, same texts)", rawMs);
        row(out, "say → first playBytes (stack over MQTT)", firstMs);
        row(out, "say → last playBytes = whole sentence synthesized (stack over MQTT)", lastMs);
        row(out, "say → sayFinished (stack over MQTT)", finishedMs);
        out.append(String.format(
                Locale.ROOT,
                "%nfirst playBytes / raw whole sentence, per say: median %.2f (min %.2f, max %.2f); "
                        + "ratio of the medians %.2f; target ≤ 0.6: %s%n",
                median(ratio),
                Arrays.stream(ratio).min().orElseThrow(),
                Arrays.stream(ratio).max().orElseThrow(),
                median(firstMs) / median(rawMs),
                median(ratio) <= 0.6 ? "met" : "**not met**"));
        out.append(String.format(
                Locale.ROOT,
                "first playBytes / last playBytes (when the whole sentence was there: the first audio before the "
                        + "split), per say, all in the container: median %.2f (min %.2f, max %.2f)%n",
                median(inStack),
                Arrays.stream(inStack).min().orElseThrow(),
                Arrays.stream(inStack).max().orElseThrow()));
        System.out.println(out);
        System.exit(0);
    }

    private static void row(final StringBuilder out, final String what, final double[] values) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f-%.0f |%n",
                what,
                median(values),
                Arrays.stream(values).min().orElseThrow(),
                Arrays.stream(values).max().orElseThrow()));
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
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
