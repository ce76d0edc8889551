package dev.chorus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Chorus broker started the way the container's entrypoint (broker/docker-entrypoint.sh)
 * starts it: {@code java <broker/jvm.options> -Djava.library.path=<natives> ... -cp
 * chorus-broker.jar:lib/* dev.chorus.broker.BrokerMain}, configured only through
 * {@code CHORUS_BROKER_*} variables, with a generated password per principal, the repo's ACL and
 * a fresh data folder. Like the image, the native libraries (RocksDB, JNA) are unpacked once
 * beforehand instead of into /tmp at every start, and the runtime jars lose their signatures.
 */
final class ChorusUnderTest extends BrokerUnderTest {

    private static final List<String> PRINCIPALS =
            List.of("tts", "audio", "gateway", "cli", "nlu", "dialogue", "operator");

    private final Path jar;
    private final Path jvmOptions;
    private final Path acl;
    private final Path logback;
    private final String persistence;
    private final String incomingBandwidth;
    private Path natives;

    /**
     * {@code persistence}: the value of CHORUS_BROKER_PERSISTENCE, file or memory;
     * {@code incomingBandwidth}: of CHORUS_BROKER_INCOMING_BANDWIDTH, null for the default.
     */
    ChorusUnderTest(
            final String name,
            final Path jar,
            final Path jvmOptions,
            final Path acl,
            final String persistence,
            final String incomingBandwidth) {
        super(name);
        this.incomingBandwidth = incomingBandwidth;
        this.jar = jar;
        this.jvmOptions = jvmOptions;
        this.acl = acl;
        this.persistence = persistence;
        // broker/target/chorus-broker-*.jar -> broker/src/main/resources/logback.xml (the image's copy)
        this.logback = jar.getParent().resolveSibling("src/main/resources/logback.xml");
    }

    @Override
    String describe() {
        return "Chorus, " + persistence + " persistence (HiveMQ CE " + hiveMqVersion() + ")";
    }

    @Override
    ProcessBuilder prepare(final Path dir, final int port) throws IOException {
        final Path credentials = Files.createDirectories(dir.resolve("credentials"));
        for (final String principal : PRINCIPALS) {
            final String secret = principal.equals(USER) ? password : password + principal;
            Files.writeString(credentials.resolve(principal), secret + "\n");
        }
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(jvmOptions));
        final Path natives = natives();
        command.add("-Djava.library.path=" + natives);
        command.add("-Djna.boot.library.path=" + natives);
        command.add("-Djna.nounpack=true");
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-cp");
        command.add(jar + ":" + jar.resolveSibling("lib") + "/*");
        command.add("dev.chorus.broker.BrokerMain");
        final ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        final Map<String, String> env = pb.environment();
        // Only the settings below: defaults for everything else, whatever the caller's shell has.
        env.keySet().removeIf(k -> k.startsWith("CHORUS_"));
        env.put("CHORUS_BROKER_BIND_ADDRESS", HOST);
        env.put("CHORUS_BROKER_MQTT_PORT", Integer.toString(port));
        // a free port of its own: the previous broker of the run may still hold the default 9399 while it exits
        env.put("CHORUS_BROKER_METRICS_PORT", "0");
        env.put("CHORUS_DATA_DIR", dir.resolve("data").toString());
        env.put("CHORUS_BROKER_CREDENTIALS_DIR", credentials.toString());
        env.put("CHORUS_BROKER_ACL_FILE", acl.toString());
        env.put("CHORUS_BROKER_READY_FILE", dir.resolve("ready").toString());
        env.put("CHORUS_BROKER_PERSISTENCE", persistence);
        if (incomingBandwidth != null) {
            env.put("CHORUS_BROKER_INCOMING_BANDWIDTH", incomingBandwidth);
        }
        return pb;
    }

    /** RocksDB's and JNA's Linux x86-64 libraries out of their jars, once (as the image build does). */
    private Path natives() throws IOException {
        if (natives != null) {
            return natives;
        }
        final Path dir = Files.createDirectories(jar.resolveSibling("broker-native"));
        try (var libs = Files.list(jar.resolveSibling("lib"))) {
            for (final Path lib : (Iterable<Path>) libs::iterator) {
                final String name = lib.getFileName().toString();
                if (name.startsWith("rocksdbjni-")) {
                    unzip(lib, "librocksdbjni-linux64.so", dir);
                } else if (name.matches("jna-\\d.*\\.jar")) {
                    unzip(lib, "com/sun/jna/linux-x86-64/libjnidispatch.so", dir);
                }
            }
        }
        unsignLibraries();
        natives = dir;
        return dir;
    }

    /** As the image build does: the runtime jars without signatures (broker/src/build/UnsignJar.java). */
    private void unsignLibraries() throws IOException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                jar.getParent().resolveSibling("src/build/UnsignJar.java").toString()));
        try (var libs = Files.list(jar.resolveSibling("lib"))) {
            libs.filter(p -> p.toString().endsWith(".jar")).forEach(p -> command.add(p.toString()));
        }
        try {
            run(command.toArray(String[]::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void unzip(final Path jarFile, final String entry, final Path dir) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jarFile.toFile())) {
            final java.util.zip.ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(entry + " not in " + jarFile + " (the bench supports Linux x86-64)");
            }
            final Path target = dir.resolve(Path.of(entry).getFileName().toString());
            if (!Files.exists(target) || Files.size(target) != e.getSize()) {
                try (var in = zip.getInputStream(e)) {
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The broker's JVM flags, one per line, '#' comments: the same file the container uses. */
    static List<String> jvmFlags(final Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private String hiveMqVersion() {
        final Path lib = jar.resolveSibling("lib");
        try (var files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("hivemq-community-edition-embedded-"))
                    .map(n -> n.substring("hivemq-community-edition-embedded-".length(), n.length() - 4))
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
