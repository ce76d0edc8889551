package dev.chorus.runtime.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The validated configuration of one module, read once at start-up from {@link EnvSource}
 * (see {@link ModuleSettingsLoader} for the variables and their defaults).
 *
 * @param module            module name ({@code CHORUS_MODULE_NAME}, default {@code micronaut.application.name}); one
 *                          topic level
 * @param version           module version ({@code chorus.module.version}, default {@code dev})
 * @param instance          which copy of the module this is ({@code CHORUS_INSTANCE}, default host name)
 * @param mqttUri           broker URI, {@code tcp://} or {@code ssl://}
 * @param mqttUsername      MQTT user name (the broker principal)
 * @param mqttClientId      stable MQTT client id, so the persistent session resumes after a restart
 * @param sessionExpiry     how long the broker keeps the session (and queues QoS 1 messages) while disconnected
 * @param reconnectMaxDelay upper bound of the reconnect back-off
 * @param dataDir           where everything the module persists goes; exists and is writable
 * @param maxMessageBytes   largest JSON payload a {@code JsonListener} accepts
 * @param mqttCaFile        PEM file of the CA certificates an {@code ssl://} broker is trusted by; null: the JVM's
 */
public record ModuleSettings(
        String module,
        String version,
        String instance,
        URI mqttUri,
        String mqttUsername,
        Secret mqttPassword,
        String mqttClientId,
        Duration sessionExpiry,
        Duration reconnectMaxDelay,
        Path dataDir,
        int maxMessageBytes,
        Path mqttCaFile) {

    /** A password that never shows up in {@code toString()}. */
    public record Secret(byte[] bytes) {

        public Secret {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Secret other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "****";
        }
    }
}
