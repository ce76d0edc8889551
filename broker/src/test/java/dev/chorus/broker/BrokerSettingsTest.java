package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

    @Test
    void defaultsSuitTheContainer() {
        final BrokerSettings s = BrokerSettings.fromEnv(Map.of());
        assertThat(s.mqttPort()).isEqualTo(1883);
        assertThat(s.tlsPort()).isEqualTo(-1);
        assertThat(s.websocketPort()).isEqualTo(-1);
        assertThat(s.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(s.credentialsDir()).isEqualTo(Path.of("/run/secrets/mqtt-credentials"));
        assertThat(s.aclFile()).isEqualTo(Path.of("/etc/chorus/acl.conf"));
        assertThat(s.persistence()).isEqualTo(BrokerSettings.Persistence.FILE);
    }

    @Test
    void persistenceModeReachesHiveMqsConfig() {
        final BrokerSettings memory = BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_PERSISTENCE", "Memory"));
        assertThat(memory.persistence()).isEqualTo(BrokerSettings.Persistence.MEMORY);
        assertThat(HiveMqConfigFile.render(memory, TlsKeystore.none()))
                .contains("<persistence><mode>in-memory</mode></persistence>");
        assertThat(HiveMqConfigFile.render(BrokerSettings.fromEnv(Map.of()), TlsKeystore.none()))
                .contains("<persistence><mode>file</mode></persistence>");
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_PERSISTENCE", "disk")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CHORUS_BROKER_PERSISTENCE: \"disk\"")
                .hasMessageContaining("file, memory");
    }

    @Test
    void variablesOverrideDefaults() {
        final BrokerSettings s = BrokerSettings.fromEnv(Map.of(
                "CHORUS_BROKER_MQTT_PORT", "11883",
                "CHORUS_BROKER_WS_PORT", "8083",
                "CHORUS_DATA_DIR", "/var/lib/chorus",
                "CHORUS_BROKER_MAX_QUEUED_MESSAGES", "500"));
        assertThat(s.mqttPort()).isEqualTo(11883);
        assertThat(s.websocketPort()).isEqualTo(8083);
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/chorus"));
        assertThat(s.maxQueuedMessages()).isEqualTo(500);
    }

    @Test
    void sizesAndDurationsTakeUnits() {
        final BrokerSettings s = BrokerSettings.fromEnv(Map.of(
                "CHORUS_BROKER_MAX_PACKET_SIZE", "16M",
                "CHORUS_BROKER_INCOMING_BANDWIDTH", "512K",
                "CHORUS_BROKER_MAX_SESSION_EXPIRY", "1d",
                "CHORUS_BROKER_WS_PORT", " "));
        assertThat(s.maxPacketSize()).isEqualTo(16L << 20);
        assertThat(s.incomingBandwidth()).isEqualTo(512L << 10);
        assertThat(s.maxSessionExpiry()).isEqualTo(86_400);
        assertThat(s.websocketPort()).isEqualTo(-1);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_MQTT_PORT", "eighty")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_BROKER_MQTT_PORT: \"eighty\" is not a whole number between 0 and 65535");
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_MQTT_PORT", "70000")))
                .hasMessage("CHORUS_BROKER_MQTT_PORT: \"70000\" is not a whole number between 0 and 65535");
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_MAX_PACKET_SIZE", "1G")))
                .hasMessage("CHORUS_BROKER_MAX_PACKET_SIZE: \"1G\" is not a size between 1K and 268435455 "
                        + "(examples: 512, 64K, 16M, 1G)");
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_TLS_PORT", "8883")))
                .hasMessage("CHORUS_BROKER_TLS_CERT_FILE: required when CHORUS_BROKER_TLS_PORT is set");
    }
}
