package dev.chorus.testkit;

import dev.chorus.broker.BrokerSettings;
import dev.chorus.broker.ChorusBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Chorus broker (HiveMQ CE with credentials and ACL), in this JVM, on a free port, with file
 * persistence in a temp folder. Every principal gets a random password written to a credentials folder;
 * {@link #passwordFile(String)} is what a module gets as {@code CHORUS_MQTT_PASSWORD_FILE}.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension static InProcessBroker broker = InProcessBroker.withAcl(...)}
 * starts it once for the class (an instance field: once per test). Or use it directly: {@link #start()},
 * {@link #close()}.
 *
 * <p>Starting it also raises Awaitility's default timeout from 10 s to {@link TestMqttClient#DEFAULT_WAIT}:
 * broker-backed tests share a small CI machine with other builds.
 */
public final class InProcessBroker
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** The module principals of the repo's ACL, plus operator. */
    public static final List<String> STACK_PRINCIPALS =
            List.of("tts", "audio", "gateway", "cli", "nlu", "dialogue", "mic", "wake", "asr", "skills", "operator");

    private final List<String> extraAclLines;
    private final Set<String> principals = new LinkedHashSet<>(STACK_PRINCIPALS);
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private Path root;
    private BrokerSettings settings;
    private ChorusBroker broker;
    private boolean perTest;

    private InProcessBroker(List<String> extraAclLines) {
        this.extraAclLines = List.copyOf(extraAclLines);
        for (String line : extraAclLines) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && !fields[0].startsWith("#") && !fields[0].equals("*")) {
                principals.add(fields[0]);
            }
        }
    }

    /** The repo's ACL only. */
    public static InProcessBroker create() {
        return new InProcessBroker(List.of());
    }

    /**
     * The repo's ACL plus extra rules in the same format, e.g. {@code "example pubsub example/#"}; every
     * principal named in them gets credentials too.
     */
    public static InProcessBroker withAcl(String... extraAclLines) {
        return new InProcessBroker(List.of(extraAclLines));
    }

    // ---- lifecycle -------------------------------------------------------------------------------

    /** Starts the broker (first call: creates the temp folder, credentials and ACL). */
    public synchronized InProcessBroker start() {
        if (broker != null) {
            return this;
        }
        Awaitility.setDefaultTimeout(TestMqttClient.DEFAULT_WAIT);
        if (settings == null) {
            prepare();
        }
        broker = ChorusBroker.start(settings);
        settings = broker.settings(); // the concrete port, so a restart keeps it
        return this;
    }

    /** Stops the broker; its data (sessions, queued and retained messages) stays for {@link #start()}. */
    public synchronized void stop() {
        if (broker != null) {
            broker.stop();
            broker = null;
        }
    }

    /** Stop and start on the same data folder and port. */
    public void restart() {
        stop();
        start();
    }

    public synchronized boolean isRunning() {
        return broker != null;
    }

    /** Stops the broker and deletes its folder. */
    @Override
    public synchronized void close() {
        stop();
        if (root != null) {
            deleteTree(root);
            root = null;
            settings = null;
            passwords.clear();
        }
    }

    // ---- what tests and modules need -------------------------------------------------------------

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public synchronized int port() {
        requirePrepared();
        return settings.mqttPort();
    }

    public synchronized String password(String principal) {
        requirePrepared();
        String password = passwords.get(principal);
        if (password == null) {
            throw new IllegalArgumentException("no principal " + principal + " (known: " + passwords.keySet() + ")");
        }
        return password;
    }

    /** The file holding the principal's password, as a module reads it. */
    public Path passwordFile(String principal) {
        password(principal);
        return root.resolve("credentials").resolve(principal);
    }

    /** The broker's persistence folder. */
    public synchronized Path dataDir() {
        requirePrepared();
        return settings.dataDir();
    }

    /** A fresh folder under the broker's temp root, e.g. for a module's {@code CHORUS_DATA_DIR}. */
    public synchronized Path newFolder(String name) {
        requirePrepared();
        try {
            return Files.createDirectories(root.resolve("work").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> principals() {
        return Set.copyOf(principals);
    }

    // ---- JUnit -----------------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!isRunning() && root == null) {
            perTest = true;
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
            perTest = false;
        }
    }

    // ---- internals -------------------------------------------------------------------------------

    private void prepare() {
        try {
            root = Files.createTempDirectory("chorus-test-broker-");
            Path credentials = Files.createDirectories(root.resolve("credentials"));
            SecureRandom random = new SecureRandom();
            for (String principal : principals) {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                String password = HexFormat.of().formatHex(bytes);
                passwords.put(principal, password);
                Files.writeString(credentials.resolve(principal), password + "\n", StandardCharsets.UTF_8);
            }
            Path acl = root.resolve("acl.conf");
            List<String> lines = new ArrayList<>(Files.readAllLines(RepoFiles.acl(), StandardCharsets.UTF_8));
            lines.add("");
            lines.add("# --- added by the test");
            lines.addAll(extraAclLines);
            Files.write(acl, lines, StandardCharsets.UTF_8);
            settings = BrokerSettings.builder()
                    .bindAddress("127.0.0.1")
                    .mqttPort(0)
                    .dataDir(root.resolve("data"))
                    .credentialsDir(credentials)
                    .aclFile(acl)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the test broker folder", e);
        }
    }

    private void requirePrepared() {
        if (settings == null) {
            throw new IllegalStateException("broker not started yet");
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is not worth failing a test for
        }
    }
}
