package dev.chorus.broker;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the broker is configured with. In the container it comes from environment
 * variables only ({@link #fromEnv}); tests and embedders use the builder.
 *
 * @param bindAddress          address every listener binds to
 * @param mqttPort             plain MQTT TCP port; 0 picks a free one
 * @param tlsPort              MQTT over TLS port, or -1 for none
 * @param tlsCertFile          PEM certificate chain for TLS
 * @param tlsKeyFile           PEM (PKCS#8) private key for TLS
 * @param websocketPort        MQTT over WebSocket port, or -1 for none
 * @param websocketPath        WebSocket path
 * @param dataDir              persistence folder (retained messages, sessions, queues)
 * @param credentialsDir       one password file per principal
 * @param aclFile              the ACL file
 * @param readyFile            written once the broker accepts connections, removed at stop; null for none
 * @param maxPacketSize        largest MQTT packet accepted, bytes
 * @param maxSessionExpiry     upper bound for a client's session expiry, seconds
 * @param maxQueuedMessages    messages queued per client while offline or slow
 * @param receiveMaximum       QoS 1/2 publishes a client may have in flight towards the broker
 * @param incomingBandwidth      incoming bytes per second over all clients (HiveMQ throttles globally); 0 = unlimited
 * @param maxConnections       concurrent connections; -1 = unlimited
 * @param persistence          where sessions, queues and retained messages live
 * @param metricsPort          HTTP port of {@code GET /prometheus} (the broker's metrics); 0 picks a free one, -1 none
 */
public record BrokerSettings(
        String bindAddress,
        int mqttPort,
        int tlsPort,
        Path tlsCertFile,
        Path tlsKeyFile,
        int websocketPort,
        String websocketPath,
        Path dataDir,
        Path credentialsDir,
        Path aclFile,
        Path readyFile,
        long maxPacketSize,
        long maxSessionExpiry,
        long maxQueuedMessages,
        int receiveMaximum,
        long incomingBandwidth,
        long maxConnections,
        Persistence persistence,
        int metricsPort) {

    /**
     * HiveMQ's persistence mode. {@code FILE} keeps sessions, queued QoS 1/2 messages and retained
     * messages in the data folder across a broker restart; {@code MEMORY} keeps them in the heap only,
     * for deployments that prefer speed to surviving a broker crash (every client then starts
     * afresh after a restart, and a module's subscriptions are gone until it subscribes again).
     */
    public enum Persistence {
        FILE("file"),
        MEMORY("in-memory");

        private final String hiveMqMode;

        Persistence(final String hiveMqMode) {
            this.hiveMqMode = hiveMqMode;
        }

        /** The value of {@code <persistence><mode>} in HiveMQ's config.xml. */
        String hiveMqMode() {
            return hiveMqMode;
        }
    }

    public BrokerSettings {
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(credentialsDir, "credentialsDir");
        Objects.requireNonNull(aclFile, "aclFile");
        if (tlsPort >= 0 && (tlsCertFile == null || tlsKeyFile == null)) {
            throw new IllegalArgumentException("a TLS listener needs a certificate and a key file");
        }
    }

    /** The container's metrics port: the one HiveMQ's own Prometheus extension uses. */
    public static final int DEFAULT_METRICS_PORT = 9399;

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        final Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.mqttPort = mqttPort;
        b.tlsPort = tlsPort;
        b.tlsCertFile = tlsCertFile;
        b.tlsKeyFile = tlsKeyFile;
        b.websocketPort = websocketPort;
        b.websocketPath = websocketPath;
        b.dataDir = dataDir;
        b.credentialsDir = credentialsDir;
        b.aclFile = aclFile;
        b.readyFile = readyFile;
        b.maxPacketSize = maxPacketSize;
        b.maxSessionExpiry = maxSessionExpiry;
        b.maxQueuedMessages = maxQueuedMessages;
        b.receiveMaximum = receiveMaximum;
        b.incomingBandwidth = incomingBandwidth;
        b.maxConnections = maxConnections;
        b.persistence = persistence;
        b.metricsPort = metricsPort;
        return b;
    }

    /** Reads the {@code CHORUS_BROKER_*} variables (and {@code CHORUS_DATA_DIR}); see docs/configuration.md. */
    public static BrokerSettings fromEnv(final Map<String, String> env) {
        final EnvReader in = new EnvReader(env::get);
        final Builder b = builder()
                .bindAddress(in.text("CHORUS_BROKER_BIND_ADDRESS", "0.0.0.0"))
                .mqttPort(in.integer("CHORUS_BROKER_MQTT_PORT", 1883, 0, 65_535))
                .tlsPort(in.integer("CHORUS_BROKER_TLS_PORT", -1, 0, 65_535))
                .tlsCertFile(in.path("CHORUS_BROKER_TLS_CERT_FILE", null))
                .tlsKeyFile(in.path("CHORUS_BROKER_TLS_KEY_FILE", null))
                .websocketPort(in.integer("CHORUS_BROKER_WS_PORT", -1, 0, 65_535))
                .websocketPath(in.text("CHORUS_BROKER_WS_PATH", "/mqtt"))
                .dataDir(in.path("CHORUS_DATA_DIR", Path.of("/data")))
                .credentialsDir(in.path("CHORUS_BROKER_CREDENTIALS_DIR", Path.of("/run/secrets/mqtt-credentials")))
                .aclFile(in.path("CHORUS_BROKER_ACL_FILE", Path.of("/etc/chorus/acl.conf")))
                .readyFile(in.path("CHORUS_BROKER_READY_FILE", Path.of("/tmp/chorus-broker.ready")))
                .maxPacketSize(in.size("CHORUS_BROKER_MAX_PACKET_SIZE", 8L * 1024 * 1024, 1024, 268_435_455))
                .maxSessionExpiry(in.seconds("CHORUS_BROKER_MAX_SESSION_EXPIRY", 7L * 24 * 3600, 0, 4_294_967_295L))
                .maxQueuedMessages(in.number("CHORUS_BROKER_MAX_QUEUED_MESSAGES", 10_000, 1, Long.MAX_VALUE))
                .receiveMaximum(in.integer("CHORUS_BROKER_RECEIVE_MAXIMUM", 64, 1, 65_535))
                .incomingBandwidth(in.size("CHORUS_BROKER_INCOMING_BANDWIDTH", 8L * 1024 * 1024, 0, Long.MAX_VALUE))
                .maxConnections(in.number("CHORUS_BROKER_MAX_CONNECTIONS", 1000, -1, Long.MAX_VALUE))
                .persistence(in.choice("CHORUS_BROKER_PERSISTENCE", Persistence.class, Persistence.FILE))
                .metricsPort(in.integer("CHORUS_BROKER_METRICS_PORT", DEFAULT_METRICS_PORT, 0, 65_535));
        if ((b.tlsPort >= 0) && b.tlsCertFile == null) {
            throw new ConfigException("CHORUS_BROKER_TLS_CERT_FILE", "required when CHORUS_BROKER_TLS_PORT is set");
        }
        if ((b.tlsPort >= 0) && b.tlsKeyFile == null) {
            throw new ConfigException("CHORUS_BROKER_TLS_KEY_FILE", "required when CHORUS_BROKER_TLS_PORT is set");
        }
        return b.build();
    }

    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int mqttPort = 1883;
        private int tlsPort = -1;
        private Path tlsCertFile;
        private Path tlsKeyFile;
        private int websocketPort = -1;
        private String websocketPath = "/mqtt";
        private Path dataDir;
        private Path credentialsDir;
        private Path aclFile;
        private Path readyFile;
        private long maxPacketSize = 8L * 1024 * 1024;
        private long maxSessionExpiry = 7L * 24 * 3600;
        private long maxQueuedMessages = 10_000;
        private int receiveMaximum = 64;
        private long incomingBandwidth = 8L * 1024 * 1024;
        private long maxConnections = 1000;
        private Persistence persistence = Persistence.FILE;
        private int metricsPort = -1;

        public Builder bindAddress(final String v) {
            bindAddress = v;
            return this;
        }

        public Builder mqttPort(final int v) {
            mqttPort = v;
            return this;
        }

        public Builder tlsPort(final int v) {
            tlsPort = v;
            return this;
        }

        public Builder tlsCertFile(final Path v) {
            tlsCertFile = v;
            return this;
        }

        public Builder tlsKeyFile(final Path v) {
            tlsKeyFile = v;
            return this;
        }

        public Builder websocketPort(final int v) {
            websocketPort = v;
            return this;
        }

        public Builder websocketPath(final String v) {
            websocketPath = v;
            return this;
        }

        public Builder dataDir(final Path v) {
            dataDir = v;
            return this;
        }

        public Builder credentialsDir(final Path v) {
            credentialsDir = v;
            return this;
        }

        public Builder aclFile(final Path v) {
            aclFile = v;
            return this;
        }

        public Builder readyFile(final Path v) {
            readyFile = v;
            return this;
        }

        public Builder maxPacketSize(final long v) {
            maxPacketSize = v;
            return this;
        }

        public Builder maxSessionExpiry(final long v) {
            maxSessionExpiry = v;
            return this;
        }

        public Builder maxQueuedMessages(final long v) {
            maxQueuedMessages = v;
            return this;
        }

        public Builder receiveMaximum(final int v) {
            receiveMaximum = v;
            return this;
        }

        public Builder incomingBandwidth(final long v) {
            incomingBandwidth = v;
            return this;
        }

        public Builder maxConnections(final long v) {
            maxConnections = v;
            return this;
        }

        public Builder persistence(final Persistence v) {
            persistence = v;
            return this;
        }

        /** -1 (the builder's default, for tests and embedders): no metrics server. */
        public Builder metricsPort(final int v) {
            metricsPort = v;
            return this;
        }

        public BrokerSettings build() {
            return new BrokerSettings(
                    bindAddress,
                    mqttPort,
                    tlsPort,
                    tlsCertFile,
                    tlsKeyFile,
                    websocketPort,
                    websocketPath,
                    dataDir,
                    credentialsDir,
                    aclFile,
                    readyFile,
                    maxPacketSize,
                    maxSessionExpiry,
                    maxQueuedMessages,
                    receiveMaximum,
                    incomingBandwidth,
                    maxConnections,
                    persistence,
                    metricsPort);
        }
    }
}
