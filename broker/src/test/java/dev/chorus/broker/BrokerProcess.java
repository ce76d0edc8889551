package dev.chorus.broker;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The broker as its own JVM, started like the container starts it: settings from the environment. */
final class BrokerProcess implements AutoCloseable {

    /** The broker's JVM flags, shared with the container entrypoint and the benchmark. */
    static List<String> jvmFlags() throws IOException {
        return Files.readAllLines(Path.of("jvm.options")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    final Process process;
    final Path log;

    BrokerProcess(final TestBroker config, final int port, final List<String> extraFlags) throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(extraFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerMain.class.getName());
        log = config.root.resolve("broker-process.log");
        final ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        final Map<String, String> env = pb.environment();
        env.put("CHORUS_BROKER_BIND_ADDRESS", "127.0.0.1");
        env.put("CHORUS_BROKER_MQTT_PORT", Integer.toString(port));
        env.put("CHORUS_DATA_DIR", config.settings.dataDir().toString());
        env.put(
                "CHORUS_BROKER_CREDENTIALS_DIR",
                config.settings.credentialsDir().toString());
        env.put("CHORUS_BROKER_ACL_FILE", config.settings.aclFile().toString());
        env.put("CHORUS_BROKER_READY_FILE", config.settings.readyFile().toString());
        Files.deleteIfExists(config.settings.readyFile());
        process = pb.start();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(config.settings.readyFile()) || !process.isAlive());
    }

    /** Resident set size of the broker process in bytes, from /proc. */
    long rssBytes() throws IOException {
        for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
