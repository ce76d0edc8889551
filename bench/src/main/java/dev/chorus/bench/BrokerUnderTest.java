package dev.chorus.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One broker process under test: started from scratch in its own temp folder on a free loopback
 * port, with one password-protected principal ({@code operator}) that may use {@code hermes/#}.
 */
abstract class BrokerUnderTest implements AutoCloseable {

    static final String USER = "operator";
    static final String HOST = "127.0.0.1";

    final String name;
    final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Path root;
    private Process process;
    private int port;
    private int starts;

    BrokerUnderTest(final String name) {
        this.name = name;
    }

    /** A short description for the results table, e.g. the version. */
    abstract String describe();

    /** Prepares {@code dir} (config, credentials) and returns the command that starts the broker. */
    abstract ProcessBuilder prepare(Path dir, int port) throws IOException;

    /**
     * Starts a fresh broker process and returns the milliseconds from process start to the first
     * MQTT CONNECT that the broker accepts (CONNACK reason code 0) with the generated password.
     */
    final double start() throws IOException, InterruptedException {
        close();
        root = Files.createTempDirectory("chorus-bench-" + name.toLowerCase() + "-");
        port = freePort();
        final ProcessBuilder pb = prepare(root, port)
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("broker.log").toFile());
        final long t0 = System.nanoTime();
        process = pb.start();
        final long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (MqttProbe.connects(HOST, port, USER + "-bench-probe-" + starts, USER, password, 1000)) {
                starts++;
                return (System.nanoTime() - t0) / 1e6;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(name + " did not accept a connection within 60 s:\n" + logTail());
    }

    int port() {
        return port;
    }

    String uri() {
        return "tcp://" + HOST + ":" + port;
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size from /proc/PID/status, in bytes. */
    long rssBytes() throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid());
    }

    /** CPU time (user + system) the broker process has used so far, in milliseconds. */
    long cpuMillis() throws IOException {
        final String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        final String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime), counted from the state field (3) here
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    String logTail() {
        try {
            final List<String> lines = Files.readAllLines(root.resolve("broker.log"), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public final void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (root != null) {
            // Keep the last log of each broker for a look after the run.
            try {
                final Path logs = Files.createDirectories(Path.of("bench", "target", "broker-logs"));
                Files.copy(
                        root.resolve("broker.log"),
                        logs.resolve(name.toLowerCase() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                // no log to keep
            }
            deleteTree(root);
            root = null;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String run(final String... command) throws IOException, InterruptedException {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static void deleteTree(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
