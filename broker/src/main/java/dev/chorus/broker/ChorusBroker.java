package dev.chorus.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import dev.chorus.protocol.env.ConfigException;
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
    private static final String XODUS_CACHE_PROPERTY = "exodus.memoryUsage";
    private static final long XODUS_CACHE_BYTES = 8L << 20;

    private final BrokerSettings settings;
    private final EmbeddedHiveMQ hive;
    private final Path workDir;
    private final BrokerMetrics metrics;

    private ChorusBroker(
            final BrokerSettings settings, final EmbeddedHiveMQ hive, final Path workDir, final BrokerMetrics metrics) {
        this.settings = settings;
        this.hive = hive;
        this.workDir = workDir;
        this.metrics = metrics;
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
        BrokerMetrics metrics = null;
        if (settings.metricsPort() >= 0) {
            try {
                metrics = BrokerMetrics.serve(hive.getMetricRegistry(), settings.bindAddress(), settings.metricsPort());
            } catch (IOException | RuntimeException e) {
                closeQuietly(hive);
                throw new IllegalStateException(
                        "cannot serve metrics on port " + settings.metricsPort() + " (CHORUS_BROKER_METRICS_PORT): "
                                + e.getMessage(),
                        e);
            }
        }
        final ChorusBroker broker = new ChorusBroker(settings, hive, workDir, metrics);
        broker.markReady();
        LOG.info(
                "broker ready: mqtt port {}{}{}{}, {} persistence, data {}, {} principals",
                settings.mqttPort(),
                settings.tlsPort() >= 0 ? ", tls port " + settings.tlsPort() : "",
                settings.websocketPort() >= 0 ? ", websocket port " + settings.websocketPort() : "",
                metrics != null ? ", metrics port " + settings.metricsPort() : "",
                settings.persistence().hiveMqMode(),
                settings.dataDir(),
                credentials.principals().size());
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
        if (metrics != null) {
            metrics.close();
        }
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

    /**
     * HiveMQ's internal knobs, sized for a small stack (a few dozen clients, 2 cores, 384 MiB).
     * Figures from bench/broker.sh on 2 busy cores, Chorus vs Mosquitto in the same run; see the
     * broker section of docs/performance.md.
     */
    private static void tuneInternals() {
        // Two 2 s grace periods made every stop take 4 s; queued writes finish well within this.
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(500);
        // Persistence buckets: each is a Xodus environment or RocksDB instance per persistence
        // (sessions, subscriptions, queues, payloads, retained), with its own files, caches and
        // write lane. 64 suits many-core servers with many clients; 2 = one lane per core here.
        // 8 -> 2 (with the JMX reporter off) measured idle RSS 142 -> 136 MiB; start and QoS 1
        // throughput unchanged within the noise (one subscriber's queue is in one bucket anyway).
        // A data folder written with another bucket count loses its sessions once.
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(2);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(2);
        // QoS 1/2 delivery: HiveMQ reads at most this many messages from a subscriber's on-disk
        // queue per poll and polls again only when all of them are acknowledged. 50 made every
        // subscriber stall on a round trip per 50 messages: ~1k msgs/s with 4 publishers, the
        // 10,000-message queue overflowed and 35-80 % of QoS 1 messages were discarded. 500:
        // 3.7-4.6k msgs/s and none lost. Memory stays bounded: a poll also stops at 5 MB of payload, and the window
        // never
        // exceeds the client's own receive maximum.
        InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = 500;
        InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = 500;
        // Payload store (RocksDB): write buffers are physical RAM / 32 and the block cache RAM / 64,
        // i.e. 12 + 6 MiB in the 384 MiB container but 750 + 375 MiB on a 24 GiB host (tests,
        // bench, bare-metal runs), where RSS then grows with traffic. Keep the container's sizes
        // (16 + 8 MiB at most) wherever the broker runs.
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            final long ram = os.getTotalMemorySize();
            InternalConfigurations.PAYLOAD_PERSISTENCE_MEMTABLE_SIZE_PORTION.set((int) Math.max(32, ram / (16L << 20)));
            InternalConfigurations.PAYLOAD_PERSISTENCE_BLOCK_CACHE_SIZE_PORTION.set(
                    (int) Math.max(64, ram / (8L << 20)));
        }
        // No JMX reporter: nothing reads HiveMQ's MBeans in the container, and registering a few
        // hundred of them costs start-up time and heap.
        InternalConfigurations.JMX_REPORTER_ENABLED.set(false);
        // Latency spikes, found with JFR while bench/broker.sh ran (docs/performance.md, broker):
        // 1. On every 8 MiB of payloads (the memtable size above) HiveMQ flushed the RocksDB payload
        //    store synchronously on a persistence thread, stalling every publish behind it. RocksDB
        //    flushes a full memtable in its own background thread anyway; only that remains.
        InternalConfigurations.PUBLISH_PAYLOAD_FORCE_FLUSH_ENABLED.set(false);
        // 2. The persistence threads (single writer) are started when work is queued, but HiveMQ's
        //    own comment admits a race where all of them stop with work left; a check every 500 ms
        //    picked it up, i.e. a publish could wait half a second. Check every 20 ms instead.
        //    Threads: one per bucket (2); more only spin on the bucket locks of 2 busy cores.
        InternalConfigurations.SINGLE_WRITER_INTERVAL_TO_CHECK_PENDING_TASKS_AND_SCHEDULE_MSEC.set(20);
        InternalConfigurations.SINGLE_WRITER_THREAD_POOL_SIZE.set(
                InternalConfigurations.PERSISTENCE_BUCKET_COUNT.get());
        // QoS 0 for a subscriber that falls behind: HiveMQ keeps them in memory up to 5 MB per client (by its own
        // estimate of a message's size, ~800 bytes for a 256-byte payload), within a quarter of the heap for all
        // clients together, and drops the rest. A burst of 40,000 small messages to one subscriber lost 35-62 % of
        // them, where Mosquitto, which keeps an online client's QoS 0 without a limit, lost none
        // (docs/performance.md, broker). One client may now use that whole quarter (40 MiB of the container's
        // 160 MiB heap); the total stays bounded as before. bench/broker.sh variants, 2026-12-03, 3 rounds each:
        // with 5 MB 33 % lost in memory mode and 43 % in file mode, with 32 MB none in either; with this, none. It is
        // the per-client limit that drops them, not the 1,000 messages HiveMQ lets wait on connections whose socket
        // buffer is full: raising that to 50,000 alone still lost 0-61 % a round, and with this it is not needed.
        InternalConfigurations.QOS_0_MEMORY_LIMIT_PER_CLIENT_BYTES.set((int) Math.min(
                Integer.MAX_VALUE,
                Runtime.getRuntime().maxMemory()
                        / Math.max(1, InternalConfigurations.QOS_0_MEMORY_HARD_LIMIT_DIVISOR.get())));
        // 3. Garbage collection: Xodus (sessions, subscriptions, queued messages) keeps a page cache
        //    of 25 % of the heap (40 MiB of 160), which filled the old generation under load and made
        //    the serial collector run full collections of 0.2-0.7 s. The queue's pages in use fit in
        //    a few MiB. Xodus reads this property when HiveMQ creates its environments, and an
        //    absolute size wins over HiveMQ's percentage.
        if (System.getProperty(XODUS_CACHE_PROPERTY) == null) {
            System.setProperty(XODUS_CACHE_PROPERTY, Long.toString(XODUS_CACHE_BYTES));
        }
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
        if (s.metricsPort() == 0) {
            b.metricsPort(freePort());
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
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot remove {}: {}", dir, e.toString());
        }
    }

    static String version() {
        final String v = ChorusBroker.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
