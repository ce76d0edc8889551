package dev.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Chorus broker in both persistence modes ({@code CHORUS_BROKER_PERSISTENCE=file} and
 * {@code memory}) vs Mosquitto, measured in the same run and interleaved (so a busy machine slows
 * all alike): start-up, idle RSS, QoS 1 latency, QoS 0/1 throughput. Prints the results and writes
 * them into the broker section of docs/performance.md. Run it with {@code bench/broker.sh}.
 *
 * <p>Options (defaults in brackets): {@code --starts N} fresh starts per broker [5],
 * {@code --rounds N} load rounds [3], {@code --messages N} per publisher [10000],
 * {@code --publishers N} [4], {@code --samples N} latency samples per round [2000] after
 * {@code --warmup N} [500], {@code --interval-us N} latency pacing [2000],
 * {@code --warmup-messages N} QoS 1 messages through each broker before the rounds [2000],
 * {@code --doc PATH} [docs/performance.md], {@code --no-doc}, {@code --broker-jar PATH},
 * {@code --jvm-options PATH} [broker/jvm.options], {@code --acl PATH} [broker/acl.conf],
 * {@code --mosquitto PATH} [/usr/sbin/mosquitto], {@code --max-minutes N} [10]. For tuning:
 * {@code --variants A.options,B.options} adds Chorus brokers started with those JVM flags (named
 * A, B; persistence {@code --variant-persistence} [file]) and {@code --only NAME,...} keeps some
 * brokers (Chorus-file, Chorus-memory, Mosquitto, variants); then nothing is written to the doc.
 * {@code --incoming-bandwidth SIZE} sets CHORUS_BROKER_INCOMING_BANDWIDTH for every Chorus broker
 * [unset: the broker's default]; then nothing is written to the doc either.
 */
public final class BrokerBench {

    static final String COMMAND = "bench/broker.sh";

    private BrokerBench() {}

    public static void main(final String[] args) throws Exception {
        final Map<String, String> opt = options(args);
        final int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        final int starts = Integer.parseInt(opt.getOrDefault("starts", "5"));
        final int messages = Integer.parseInt(opt.getOrDefault("messages", "10000"));
        final int publishers = Integer.parseInt(opt.getOrDefault("publishers", "4"));
        final int samples = Integer.parseInt(opt.getOrDefault("samples", "2000"));
        final int warmup = Integer.parseInt(opt.getOrDefault("warmup", "500"));
        final int warmupMessages = Integer.parseInt(opt.getOrDefault("warmup-messages", "2000"));
        final int intervalMicros = Integer.parseInt(opt.getOrDefault("interval-us", "2000"));
        final long maxMinutes = Long.parseLong(opt.getOrDefault("max-minutes", "10"));
        final Path doc = Path.of(opt.getOrDefault("doc", "docs/performance.md"));

        final Path jar =
                Path.of(opt.getOrDefault("broker-jar", findBrokerJar())).toAbsolutePath();
        final Path jvmOptions =
                Path.of(opt.getOrDefault("jvm-options", "broker/jvm.options")).toAbsolutePath();
        final Path acl = Path.of(opt.getOrDefault("acl", "broker/acl.conf")).toAbsolutePath();
        // Both persistence modes (CHORUS_BROKER_PERSISTENCE) against Mosquitto in the same run.
        final String bandwidth = opt.get("incoming-bandwidth");
        final List<ChorusUnderTest> chorusModes = List.of(
                new ChorusUnderTest("Chorus-file", jar, jvmOptions, acl, "file", bandwidth),
                new ChorusUnderTest("Chorus-memory", jar, jvmOptions, acl, "memory", bandwidth));
        final MosquittoUnderTest mosquitto =
                new MosquittoUnderTest(Path.of(opt.getOrDefault("mosquitto", "/usr/sbin/mosquitto")));
        final List<BrokerUnderTest> all = new ArrayList<>(chorusModes);
        all.add(mosquitto);
        // --variants A.options,B.options: more Chorus brokers (file mode) with other JVM flags, for tuning.
        if (opt.containsKey("variants")) {
            for (final String file : opt.get("variants").split(",")) {
                all.add(new ChorusUnderTest(
                        Path.of(file).getFileName().toString().replace(".options", ""),
                        jar,
                        Path.of(file).toAbsolutePath(),
                        acl,
                        opt.getOrDefault("variant-persistence", "file"),
                        bandwidth));
            }
        }
        // --only NAME,...: some brokers only, for tuning sessions (no full comparison, so no doc).
        final List<BrokerUnderTest> brokers = all.stream()
                .filter(b -> !opt.containsKey("only")
                        || Arrays.stream(opt.get("only").split(",")).anyMatch(b.name::equalsIgnoreCase))
                .toList();
        final boolean fullComparison = brokers.size() == 3 && brokers.containsAll(chorusModes) && bandwidth == null;
        if (!fullComparison) {
            opt.put("no-doc", "true");
        }

        // Bounded in time whatever happens: stop the brokers and exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> brokers.forEach(BrokerUnderTest::close), "bench-stop"));
        final Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(maxMinutes));
                        System.err.println("broker bench: still running after " + maxMinutes + " min, giving up");
                        System.exit(3);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        final String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        final Map<BrokerUnderTest, Result> results = new LinkedHashMap<>();
        brokers.forEach(b -> results.put(b, new Result()));

        // 1. Start-up, fresh data folder each time; the last start stays up for the rest.
        for (int r = 0; r < starts; r++) {
            for (final BrokerUnderTest b : order(brokers, r)) {
                final double ms = b.start();
                results.get(b).startMillis.add(ms);
                log("%-12s start %d: accepting connections after %.0f ms", b.name, r + 1, ms);
                if (r < starts - 1) {
                    b.close();
                }
            }
        }
        // 2. Idle RSS: connected once (the start probe), then idle for 5 s.
        Thread.sleep(5_000);
        for (final BrokerUnderTest b : brokers) {
            results.get(b).rssBytes = b.rssBytes();
            results.get(b).cpuAtIdle = b.cpuMillis();
            log("%-12s idle RSS %.0f MiB", b.name, b.rssBytes() / 1048576.0);
        }
        // 3. Warm-up, not measured: 2000 QoS 1 messages through each broker (JIT, caches, files).
        for (final BrokerUnderTest b : brokers) {
            Load.throughput(b, 1, 1, warmupMessages);
        }
        // 4. Load, interleaved round by round, alternating which broker goes first.
        for (int r = 0; r < rounds; r++) {
            for (final BrokerUnderTest b : order(brokers, r)) {
                final Load.Latency l = Load.latency(b, warmup, samples, intervalMicros);
                results.get(b).latency.add(l);
                log(
                        "%-12s round %d latency QoS 1: p50 %.2f ms, p99 %.2f ms, %d lost",
                        b.name, r + 1, percentile(l.nanos(), 50) / 1e6, percentile(l.nanos(), 99) / 1e6, l.lost());
            }
            for (final int qos : new int[] {0, 1}) {
                for (final BrokerUnderTest b : order(brokers, r + qos)) {
                    final Load.Throughput t = Load.throughput(b, qos, publishers, messages);
                    results.get(b).throughput.add(t);
                    log(
                            "%-12s round %d throughput QoS %d: %.0f msgs/s, sent %d, received %d, lost %d, duplicates %d",
                            b.name, r + 1, qos, t.msgsPerSecond(), t.sent(), t.received(), t.lost(), t.duplicates());
                }
            }
        }
        for (final BrokerUnderTest b : brokers) {
            results.get(b).cpuUnderLoad = b.cpuMillis() - results.get(b).cpuAtIdle;
            b.close();
        }
        final String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();

        if (!fullComparison) {
            System.exit(0);
        }
        final String settings = String.format(
                Locale.ROOT,
                "%d interleaved rounds after %d QoS 1 warm-up messages per broker; "
                        + "latency: %d samples per round after %d warm-up, one every %d µs, "
                        + "each from its scheduled send time; "
                        + "throughput: %d publishers × %d messages per round",
                rounds,
                warmupMessages,
                samples,
                warmup,
                intervalMicros,
                publishers,
                messages);
        final String table = report(List.copyOf(chorusModes), mosquitto, results, settings, loadBefore, loadAfter);
        System.out.println();
        System.out.println(table);
        if (!opt.containsKey("no-doc")) {
            PerformanceDoc.writeBrokerSection(doc, table);
            log("wrote %s", doc);
        }
        System.exit(0);
    }

    /** Everything measured for one broker. */
    static final class Result {
        final List<Double> startMillis = new ArrayList<>();
        long rssBytes;
        long cpuAtIdle;
        long cpuUnderLoad;
        final List<Load.Latency> latency = new ArrayList<>();
        final List<Load.Throughput> throughput = new ArrayList<>();

        double startMedian() {
            return median(startMillis.stream().mapToDouble(Double::doubleValue).toArray());
        }

        long[] latencies() {
            return latency.stream()
                    .flatMapToLong(l -> Arrays.stream(l.nanos()))
                    .sorted()
                    .toArray();
        }

        String startsText() {
            return String.join(
                    " / ",
                    startMillis.stream()
                            .map(v -> String.format(Locale.ROOT, "%.0f", v))
                            .toList());
        }

        String p99PerRound() {
            return String.join(
                    " / ",
                    latency.stream()
                            .map(l -> String.format(Locale.ROOT, "%.1f", percentile(l.nanos(), 99) / 1e6))
                            .toList());
        }

        int latencyLost() {
            return latency.stream().mapToInt(Load.Latency::lost).sum();
        }

        double throughputMedian(final int qos) {
            return median(throughput.stream()
                    .filter(t -> t.qos() == qos)
                    .mapToDouble(Load.Throughput::msgsPerSecond)
                    .toArray());
        }

        long lost(final int qos) {
            return throughput.stream()
                    .filter(t -> t.qos() == qos)
                    .mapToLong(Load.Throughput::lost)
                    .sum();
        }

        long sent(final int qos) {
            return throughput.stream()
                    .filter(t -> t.qos() == qos)
                    .mapToLong(Load.Throughput::sent)
                    .sum();
        }

        String perRound(final int qos) {
            return String.join(
                    " / ",
                    throughput.stream()
                            .filter(t -> t.qos() == qos)
                            .map(t -> String.format(Locale.ROOT, "%.0f", t.msgsPerSecond()))
                            .toList());
        }
    }

    /**
     * The results table: one column per Chorus persistence mode and Mosquitto, each Chorus mode's
     * ratio to Mosquitto, and the targets of issue 12 (met per mode, file / memory).
     */
    static String report(
            final List<BrokerUnderTest> chorusModes,
            final BrokerUnderTest mosquitto,
            final Map<BrokerUnderTest, Result> results,
            final String settings,
            final String loadBefore,
            final String loadAfter)
            throws IOException {
        final List<Result> cs = chorusModes.stream().map(results::get).toList();
        final Result m = results.get(mosquitto);
        final StringBuilder s = new StringBuilder();
        s.append(String.format(
                Locale.ROOT,
                "Measured %s on %d CPUs (%s), %s %s, Linux %s; load average before/after: %s / %s.%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                System.getProperty("os.version"),
                first3(loadBefore),
                first3(loadAfter)));
        s.append("Command: `")
                .append(COMMAND)
                .append("` (builds, then runs `dev.chorus.bench.BrokerBench`; ")
                .append(settings)
                .append(").\n\n");
        s.append("|");
        chorusModes.forEach(c -> s.append(" | ").append(c.describe()));
        s.append(" | ").append(mosquitto.describe());
        chorusModes.forEach(c -> s.append(" | ").append(c.name).append(" / Mosquitto"));
        s.append(" | target | met |\n|---");
        s.append("|---:".repeat(2 * chorusModes.size() + 1)).append("|---|---|\n");
        final Table t = new Table(
                s, chorusModes.stream().map(c -> c.name.replace("Chorus-", "")).toList(), cs, m);
        t.row(
                "start → accepting connections, ms (median of " + m.startMillis.size() + "; "
                        + t.join(Result::startsText) + ")",
                r -> fmt("%.0f ms", r.startMedian()),
                Result::startMedian,
                "≤ 2000 ms",
                r -> r.startMedian() <= 2000);
        t.row(
                "RSS at idle (VmRSS, connected once, then 5 s idle)",
                r -> fmt("%.0f MiB", r.rssBytes / 1048576.0),
                r -> (double) r.rssBytes,
                "≤ 150 MB (143 MiB)",
                r -> r.rssBytes <= 150_000_000L);
        t.row(
                "QoS 1 latency p50 (" + m.latencies().length + " samples each)",
                r -> fmt("%.2f ms", percentile(r.latencies(), 50) / 1e6),
                r -> percentile(r.latencies(), 50),
                "",
                null);
        final double mp99 = percentile(m.latencies(), 99);
        t.row(
                "QoS 1 latency p99 (all samples; per round, ms: " + t.join(Result::p99PerRound) + ")",
                r -> fmt("%.2f ms", percentile(r.latencies(), 99) / 1e6),
                r -> percentile(r.latencies(), 99),
                "≤ 2 × Mosquitto",
                r -> percentile(r.latencies(), 99) <= 2 * mp99);
        t.row(
                "QoS 1 latency max",
                r -> fmt("%.1f ms", percentile(r.latencies(), 100) / 1e6),
                r -> percentile(r.latencies(), 100),
                "",
                null);
        for (final int qos : new int[] {0, 1}) {
            final int q = qos;
            final double mt = m.throughputMedian(qos);
            t.row(
                    "QoS " + qos + " throughput, msgs/s (median; rounds " + t.join(r -> r.perRound(q)) + ")",
                    r -> fmt("%.0f", r.throughputMedian(q)),
                    r -> r.throughputMedian(q),
                    qos == 1 ? "≥ 0.5 × (file) / 0.8 × (memory) Mosquitto" : "",
                    qos == 1 ? r -> r.throughputMedian(q) >= (r == cs.get(0) ? 0.5 : 0.8) * mt : null);
            final double mLoss = (double) m.lost(qos) / m.sent(qos);
            t.row(
                    "QoS " + qos + " lost messages (all rounds)",
                    r -> lostText(r.lost(q), r.sent(q)),
                    r -> Double.NaN,
                    qos == 1 ? "0" : "≤ Mosquitto's share",
                    qos == 1 ? r -> r.lost(q) == 0 : r -> (double) r.lost(q) / r.sent(q) <= mLoss);
        }
        t.row(
                "broker CPU time, warm-up and all rounds",
                r -> fmt("%.1f s", r.cpuUnderLoad / 1000.0),
                r -> (double) r.cpuUnderLoad,
                "",
                null);
        final int lostLatency = cs.stream().mapToInt(Result::latencyLost).sum() + m.latencyLost();
        if (lostLatency > 0) {
            s.append(String.format(
                    Locale.ROOT,
                    "%nLatency messages that never arrived: %s.%n",
                    t.join(r -> Integer.toString(r.latencyLost()))));
        }
        return s.toString();
    }

    /** Writes rows: the Chorus modes' values, Mosquitto's, each mode's ratio, target, met per mode. */
    private record Table(StringBuilder s, List<String> names, List<Result> chorus, Result mosquitto) {

        /** "file: …; memory: …; Mosquitto: …" for one cell. */
        String join(final java.util.function.Function<Result, String> text) {
            final List<String> parts = new ArrayList<>();
            for (int i = 0; i < chorus.size(); i++) {
                parts.add(names.get(i) + ": " + text.apply(chorus.get(i)));
            }
            parts.add("Mosquitto: " + text.apply(mosquitto));
            return String.join("; ", parts);
        }

        void row(
                final String what,
                final java.util.function.Function<Result, String> text,
                final java.util.function.ToDoubleFunction<Result> value,
                final String target,
                final java.util.function.Predicate<Result> met) {
            s.append("| ").append(what);
            chorus.forEach(r -> s.append(" | ").append(text.apply(r)));
            s.append(" | ").append(text.apply(mosquitto));
            final double base = value.applyAsDouble(mosquitto);
            for (final Result r : chorus) {
                final double ratio = value.applyAsDouble(r) / base;
                s.append(" | ").append(Double.isNaN(ratio) || Double.isInfinite(ratio) ? "" : fmt("%.2f×", ratio));
            }
            s.append(" | ").append(target).append(" | ");
            if (met != null) {
                s.append(String.join(
                        " / ",
                        chorus.stream().map(r -> met.test(r) ? "yes" : "**no**").toList()));
            }
            s.append(" |\n");
        }
    }

    private static String lostText(final long lost, final long sent) {
        return lost == 0 ? "0 of " + sent : fmt("%d of %d (%.1f %%)", lost, sent, 100.0 * lost / sent);
    }

    static double percentile(final long[] sorted, final double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        final int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double median(final double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        final double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Rotates which broker goes first from round to round, so none always runs on a warmer machine. */
    private static List<BrokerUnderTest> order(final List<BrokerUnderTest> brokers, final int round) {
        final List<BrokerUnderTest> rotated = new ArrayList<>(brokers);
        java.util.Collections.rotate(rotated, -(round % brokers.size()));
        return rotated;
    }

    private static String findBrokerJar() throws IOException {
        try (var files = Files.list(Path.of("broker", "target"))) {
            return files.filter(p -> p.getFileName().toString().matches("chorus-broker-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .map(Path::toString)
                    .orElseThrow(() -> new IllegalStateException(
                            "no broker/target/chorus-broker-*.jar: build first (" + COMMAND + " does)"));
        }
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .findFirst()
                .orElse("unknown CPU");
    }

    private static String first3(final String loadavg) {
        return String.join(" ", Arrays.asList(loadavg.split(" ")).subList(0, 3));
    }

    private static String fmt(final String format, final Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static void log(final String format, final Object... args) {
        System.out.println("broker bench: " + String.format(Locale.ROOT, format, args));
    }

    private static Map<String, String> options(final String[] args) {
        final Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
            final String key = args[i].substring(2);
            if (key.equals("no-doc")) {
                opt.put(key, "true");
            } else if (i + 1 < args.length) {
                opt.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
        }
        return opt;
    }
}
