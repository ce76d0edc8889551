package dev.chorus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testkit.InProcessBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gateway benchmark, loopback only and bounded (about a minute): the in-process broker, a stand-in tts module
 * ({@link FakeTts}: no synthesis, so this is the gateway's and the broker's own share), a stand-in audio server
 * and the gateway in this JVM (the gateway depends on no other module; the real stack is measured by
 * bench/containers.sh);
 * <ol>
 *   <li>{@code POST /api/say} → audio available ({@code GET /api/say/{id}} shows audio ready), p50/p99 over
 *       {@value #SAYS} different 10-word sentences, one at a time (the stand-in tts answers at once: this is
 *       the gateway's share of the latency, not speech synthesis);</li>
 *   <li>requests/s for {@code GET /api/modules} (Bearer token) from a second process: Debian's {@code wrk}
 *       when installed, else {@link LoadClient} in a separate JVM; {@value #LOAD_SECONDS} s, 16 connections.</li>
 * </ol>
 * Writes the figures into docs/performance.md between the gateway markers.
 *
 * <pre>./mvnw -q -pl modules/gateway -am install -DskipTests &amp;&amp; ./mvnw -o -pl modules/gateway -P bench verify -DskipTests</pre>
 */
public final class GatewayBenchmark {

    static final int WARMUP = 3;
    static final int SAYS = 40;
    static final int LOAD_SECONDS = 10;
    static final int CONNECTIONS = 16;
    static final String HEADING = "## Gateway";
    static final String START = "<!-- gateway-bench:start -->";
    static final String END = "<!-- gateway-bench:end -->";

    private static final String[] ADJECTIVES = {"quick", "quiet", "happy", "little", "old", "bright", "lazy", "clever"};
    private static final String[] NOUNS = {"robot", "kettle", "garden", "window", "speaker", "lamp", "radio", "clock"};
    private static final String[] ROOMS = {
        "kitchen", "hallway", "attic", "garage", "bedroom", "office", "cellar", "study"
    };

    private GatewayBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path doc = Path.of(args.length > 0 ? args[0] : "../../docs/performance.md");
        InProcessBroker broker = InProcessBroker.create().start();
        String result;
        try (FakeTts tts = FakeTts.start(broker);
                FakeAudioServer audio = FakeAudioServer.start(broker);
                GatewayHarness.Running gateway = GatewayHarness.start(GatewayHarness.gateway(broker))) {
            String token = HexFormat.of()
                    .formatHex(OperatorAuth.hmac(
                            broker.password("operator").getBytes(StandardCharsets.UTF_8),
                            "chorus-gateway-api-token-v1".getBytes(StandardCharsets.UTF_8)));
            Http api = new Http(gateway.url()).token(token);
            for (int i = 0; i < WARMUP; i++) {
                sayToAudio(api, sentence(1000 + i));
            }
            double[] ms = new double[SAYS];
            for (int i = 0; i < SAYS; i++) {
                ms[i] = sayToAudio(api, sentence(i));
            }
            Arrays.sort(ms);
            String load = modulesLoad(gateway.url(), token);
            result = report(ms, load);
        } finally {
            broker.close();
        }
        System.out.println(result);
        write(doc, result);
        System.out.println("written to " + doc.toAbsolutePath().normalize());
    }

    /** A different 10-word sentence for every i below 512. */
    static String sentence(int i) {
        return "The " + ADJECTIVES[i % 8] + " " + NOUNS[(i / 8) % 8] + " in the " + ROOMS[(i / 64) % 8]
                + " is ready right now.";
    }

    /** Milliseconds from sending the POST to the status showing the audio ready (polled every 2 ms). */
    static double sayToAudio(Http api, String text) throws InterruptedException {
        long t0 = System.nanoTime();
        Http.Response r = api.postJson("/api/say", "{\"text\":\"" + text + "\"}");
        if (r.status() != 202) {
            throw new IllegalStateException("POST /api/say: " + r);
        }
        String id = r.json().get("id").asText();
        while (System.nanoTime() - t0 < 60_000_000_000L) {
            JsonNode status = api.get("/api/say/" + id).json();
            if (status.get("audio").get("state").asText().equals("ready")) {
                double ms = (System.nanoTime() - t0) / 1e6;
                // wait for sayFinished so the next say does not queue behind this one's playback
                while (!status.get("state").asText().equals("finished") && System.nanoTime() - t0 < 60_000_000_000L) {
                    pause(5);
                    status = api.get("/api/say/" + id).json();
                }
                return ms;
            }
            if (status.get("state").asText().equals("failed")) {
                throw new IllegalStateException("say failed: " + status);
            }
            pause(2);
        }
        throw new IllegalStateException("no audio within 60 s for " + id);
    }

    /** The polling step of {@link #sayToAudio}: a few milliseconds between two status requests. */
    private static void pause(long millis) throws InterruptedException {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** "tool: N req/s …" from wrk, or from the Java load client in a second JVM. */
    static String modulesLoad(String base, String token) throws IOException, InterruptedException {
        String url = base + "/api/modules";
        List<String> command;
        boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
        if (wrk) {
            command = List.of(
                    "/usr/bin/wrk",
                    "-t2",
                    "-c" + CONNECTIONS,
                    "-d" + LOAD_SECONDS + "s",
                    "--latency",
                    "-H",
                    "Authorization: Bearer " + token,
                    url);
        } else {
            command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    LoadClient.class.getName(),
                    url,
                    token,
                    Integer.toString(LOAD_SECONDS),
                    Integer.toString(CONNECTIONS));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        System.out.println(out);
        String shown = command.stream()
                .map(a -> a.contains(" ") ? "'" + a + "'" : a)
                .reduce((a, b) -> a + " " + b)
                .orElse("")
                .replace(token, "$TOKEN")
                .replace(base, "http://127.0.0.1:$PORT");
        if (wrk) {
            double rps = number(out, "Requests/sec:\\s+([0-9.]+)");
            long requests = (long) number(out, "([0-9]+) requests in");
            String p50 = text(out, "\\s50%\\s+(\\S+)");
            String p99 = text(out, "\\s99%\\s+(\\S+)");
            String errors = out.contains("Non-2xx") ? text(out, "Non-2xx or 3xx responses: (\\d+)") : "0";
            return String.format(
                    Locale.ROOT,
                    "%,.0f requests/s (%,d requests in %d s, latency p50 %s, p99 %s, non-2xx %s) — `%s`",
                    rps,
                    requests,
                    LOAD_SECONDS,
                    p50,
                    p99,
                    errors,
                    shown);
        }
        return out.strip() + " — `" + shown.replace(System.getProperty("java.class.path"), "<test classpath>") + "`";
    }

    private static double number(String out, String regex) {
        return Double.parseDouble(text(out, regex));
    }

    private static String text(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + regex + " in:\n" + out);
        }
        return m.group(1);
    }

    static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String report(double[] ms, String load) {
        int cpus = Runtime.getRuntime().availableProcessors();
        String loadAvg;
        try {
            loadAvg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            loadAvg = "?";
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "Measured %s on %d CPUs (load average %s at the end), Java %s; everything on 127.0.0.1.",
                LocalDate.now(),
                cpus,
                loadAvg,
                System.getProperty("java.version")));
        lines.add("");
        lines.add("| figure | value |");
        lines.add("|---|---|");
        lines.add(String.format(
                Locale.ROOT,
                "| `POST /api/say` → audio available, 10-word sentence, stand-in tts (%d says, one at a time) | p50 %.0f ms, p99 %.0f ms (min %.0f, max %.0f) |",
                ms.length,
                percentile(ms, 50),
                percentile(ms, 99),
                ms[0],
                ms[ms.length - 1]));
        lines.add("| `GET /api/modules` from a second process, " + CONNECTIONS + " connections | "
                + load.replace("|", "\\|") + " |");
        lines.add("");
        lines.add(
                "Command: `./mvnw -q -pl modules/gateway -am install -DskipTests && ./mvnw -o -pl modules/gateway -P bench verify -DskipTests`");
        lines.add(
                "(in-process broker, a stand-in tts module publishing a 1.2 s tone per sentence at once (no synthesis: the");
        lines.add(
                "gateway's and the broker's share only), a stand-in audio server answering playFinished at once; \"audio");
        lines.add("available\" = `GET /api/say/{id}` shows `audio.state: ready`, polled every 2 ms; sentence");
        lines.add("example: \"" + sentence(0) + "\").");
        return String.join("\n", lines);
    }

    static void write(Path doc, String generated) throws IOException {
        String block = START + "\n" + generated.strip() + "\n" + END;
        String current = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# Performance\n";
        int start = current.indexOf(START);
        int end = current.indexOf(END);
        String updated;
        if (start >= 0 && end > start) {
            updated = current.substring(0, start) + block + current.substring(end + END.length());
        } else {
            String base = current.endsWith("\n") ? current : current + "\n";
            int heading = base.indexOf(HEADING + "\n");
            updated = heading >= 0
                    ? base.substring(0, heading + HEADING.length() + 1) + "\n" + block + "\n"
                            + base.substring(heading + HEADING.length() + 1)
                    : base + "\n" + HEADING + "\n\n" + block + "\n";
        }
        Files.writeString(doc, updated, StandardCharsets.UTF_8);
    }
}
