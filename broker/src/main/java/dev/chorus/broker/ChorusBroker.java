package dev.chorus.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Chorus broker: HiveMQ CE embedded, closed by default (file credentials + ACL), persistent
 * under the data folder. Used by {@link BrokerMain} in the container and in-process by tests.
 */
public final class ChorusBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChorusBroker.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final BrokerSettings settings;
    private final EmbeddedHiveMQ hive;
    private final Path workDir;

    private ChorusBroker(final BrokerSettings settings, final EmbeddedHiveMQ hive, final Path workDir) {
        this.settings = settings;
        this.hive = hive;
        this.workDir = workDir;
    }

    /** Starts a broker and returns once it accepts connections. Port 0 picks a free port. */
    public static ChorusBroker start(final BrokerSettings requested) {
        final BrokerSettings settings = withConcretePorts(requested);
        final Credentials credentials = loadCredentials(settings);
        final Acl acl = loadAcl(settings);
        final Path workDir;
        try {
            Files.createDirectories(settings.dataDir());
            // Config and extension folders are rendered fresh on each start, outside the data folder.
            workDir = Files.createTempDirectory("chorus-broker-");
            final TlsKeystore keystore = settings.tlsPort() >= 0
                    ? TlsKeystore.fromPem(settings.tlsCertFile(), settings.tlsKeyFile(), workDir.resolve("tls"))
                    : TlsKeystore.none();
            HiveMqConfigFile.write(workDir.resolve("conf"), settings, keystore);
            Files.createDirectories(workDir.resolve("extensions"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare broker folders: " + e.getMessage(), e);
        }
        tuneInternals();
        final EmbeddedHiveMQ hive = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(workDir.resolve("conf"))
                .withDataFolder(settings.dataDir())
                .withExtensionsFolder(workDir.resolve("extensions"))
                .withoutLoggingBootstrap()
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("chorus-security")
                        .withName("Chorus security")
                        .withVersion(version())
                        .withPriority(Integer.MAX_VALUE)
                        .withStartPriority(Integer.MAX_VALUE)
                        .withExtensionMain(new SecurityExtension(credentials, acl, settings))
                        .build())
                .build();
        // The embedded builder switches HiveMQ to "allow all" until an authenticator exists.
        // Ours is registered before the listeners bind, and this makes the default "deny" anyway.
        InternalConfigurations.AUTH_DENY_UNAUTHENTICATED_CONNECTIONS.set(true);
        try {
            hive.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(hive);
            throw new IllegalStateException("interrupted while starting the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            closeQuietly(hive);
            final Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("broker failed to start: " + cause.getMessage(), cause);
        }
        final ChorusBroker broker = new ChorusBroker(settings, hive, workDir);
        broker.markReady();
        LOG.info("broker ready: mqtt port {}{}{}, data {}, {} principals", settings.mqttPort(),
                settings.tlsPort() >= 0 ? ", tls port " + settings.tlsPort() : "",
                settings.websocketPort() >= 0 ? ", websocket port " + settings.websocketPort() : "",
                settings.dataDir(), credentials.principals().size());
        return broker;
    }

    /** The settings in force, with the ports actually bound: pass them to {@link #start} to restart. */
    public BrokerSettings settings() {
        return settings;
    }

    public int mqttPort() {
        return settings.mqttPort();
    }

    public String mqttUri() {
        return "tcp://127.0.0.1:" + settings.mqttPort();
    }

    /** Stops the broker; its data folder can be started again with {@code start(settings())}. */
    public void stop() {
        unmarkReady();
        try {
            hive.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("broker did not stop cleanly: {}", e.toString());
        } finally {
            closeQuietly(hive);
            deleteQuietly(workDir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void tuneInternals() {
        // Two 2 s grace periods made every stop take 4 s; queued writes finish well within this.
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(500);
        // Fewer persistence buckets: each is a RocksDB/Xodus store with its own memory and files.
        // 64 suits many-core servers with many clients; a module stack has a few dozen clients.
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(8);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(8);
    }

    private static BrokerSettings withConcretePorts(final BrokerSettings s) {
        final BrokerSettings.Builder b = s.toBuilder();
        if (s.mqttPort() == 0) {
            b.mqttPort(freePort());
        }
        if (s.tlsPort() == 0) {
            b.tlsPort(freePort());
        }
        if (s.websocketPort() == 0) {
            b.websocketPort(freePort());
        }
        return b.build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Credentials loadCredentials(final BrokerSettings s) {
        try {
            return Credentials.load(s.credentialsDir());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHORUS_BROKER_CREDENTIALS_DIR", e.getMessage());
        }
    }

    private static Acl loadAcl(final BrokerSettings s) {
        try {
            return Acl.load(s.aclFile());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHORUS_BROKER_ACL_FILE", e.getMessage());
        }
    }

    private void markReady() {
        if (settings.readyFile() == null) {
            return;
        }
        try {
            Files.writeString(settings.readyFile(), "ready " + settings.mqttPort() + "\n");
        } catch (IOException e) {
            LOG.warn("cannot write ready file {}: {}", settings.readyFile(), e.toString());
        }
    }

    private void unmarkReady() {
        if (settings.readyFile() != null) {
            try {
                Files.deleteIfExists(settings.readyFile());
            } catch (IOException e) {
                LOG.debug("cannot remove ready file: {}", e.toString());
            }
        }
    }

    private static void closeQuietly(final EmbeddedHiveMQ hive) {
        try {
            hive.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("broker close: {}", e.toString());
        }
    }

    private static void deleteQuietly(final Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.toString());
        }
    }

    static String version() {
        final String v = ChorusBroker.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
