package dev.chorus.mic.bench;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;

/**
 * Broker load of streaming sites: the mic module (file source, silence between files) talks to the in-process broker
 * through a TCP proxy that counts the bytes it sends, while a fake wake module listens to 1, then 2, then 4 sites.
 * Prints bytes per second per site (WAV headers, MQTT and TCP payload overhead included; IP/TCP headers not).
 *
 * <pre>./mvnw -o -q -pl modules/mic -am verify -Pbench -DskipTests</pre>
 */
public final class BrokerLoadBench {

    private static final Duration WINDOW = Duration.ofSeconds(20);

    private BrokerLoadBench() {}

    public static void main(String[] args) throws Exception {
        double[] load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() >= 0
                ? loadAverage()
                : new double[0];
        List<String> lines = new ArrayList<>();
        try (InProcessBroker broker = InProcessBroker.withAcl(
                                "mic sub chorus/listening/+", "wake pub chorus/listening/wake")
                        .start();
                CountingProxy proxy = new CountingProxy(broker.port())) {
            Path data = Files.createTempDirectory("mic-bench-");
            for (int sites : new int[] {1, 2, 4}) {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < sites; i++) {
                    String id = i == 0 ? "default" : "site" + i;
                    ids.add(id);
                    Files.createDirectories(data.resolve("inbox").resolve(i == 0 ? "." : id));
                }
                try (ApplicationContext ctx = ModuleHarness.of("mic", broker)
                                .env(EnvVars.DATA_DIR, data.toString())
                                .mqttUri(proxy.uri())
                                .startConnected();
                        FakeModule wake = FakeModule.start(broker, "wake")) {
                    wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", ids));
                    LockSupport.parkNanos(Duration.ofSeconds(3).toNanos()); // settle: sites found, streaming
                    long before = proxy.up.get();
                    long t0 = System.nanoTime();
                    LockSupport.parkNanos(WINDOW.toNanos());
                    long bytes = proxy.up.get() - before;
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double perSite = bytes / seconds / sites;
                    lines.add(String.format(
                            Locale.ROOT,
                            "| %d | %.0f B/s | %.1f kB/s | %.0f B | %.2f |",
                            sites,
                            bytes / seconds,
                            perSite / 1000,
                            perSite / (16_000.0 / 1024),
                            perSite / 32_000.0));
                    wake.publishRetained(Topics.listening("wake"), new byte[0]);
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Measured %s on %d CPUs, load average before/after: %s / %s; %d s per row%n%n",
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
                Runtime.getRuntime().availableProcessors(),
                fmt(load),
                fmt(loadAverage()),
                WINDOW.toSeconds());
        System.out.println("| streaming sites | mic → broker | per site | per frame | per site / 32 kB/s of PCM |");
        System.out.println("|---:|---:|---:|---:|---:|");
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static double[] loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (IOException | RuntimeException e) {
            return new double[0];
        }
    }

    private static String fmt(double[] load) {
        StringBuilder s = new StringBuilder();
        for (double d : load) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return s.toString();
    }

    /** A TCP proxy to the broker that counts what the clients send (one pump thread per direction). */
    private static final class CountingProxy implements AutoCloseable {
        final AtomicLong up = new AtomicLong();
        private final ServerSocket server;
        private final int target;

        CountingProxy(int target) throws IOException {
            this.target = target;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        }

        String uri() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket broker = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client.getInputStream(), broker.getOutputStream(), up);
                    pump(broker.getInputStream(), client.getOutputStream(), new AtomicLong());
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(InputStream in, OutputStream out, AtomicLong count) {
            Thread t = new Thread(
                    () -> {
                        byte[] buf = new byte[16_384];
                        try (in;
                                out) {
                            for (int n; (n = in.read(buf)) > 0; ) {
                                out.write(buf, 0, n);
                                count.addAndGet(n);
                            }
                        } catch (IOException e) {
                            // connection closed
                        }
                    },
                    "proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
