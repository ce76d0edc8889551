package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * broker/init-credentials.sh as mqtt-init runs it, on this machine's JDK: the CA and the server certificate
 * it makes with keytool serve the broker's TLS listener, and the script {@code satellite SITE} prints gives
 * a satellite what it needs to log in, trusting only the CA, with the host name checked.
 */
class SatelliteTlsTest {

    private static final Path SCRIPT = Path.of("init-credentials.sh").toAbsolutePath();

    @TempDir
    Path dir;

    private Map<String, String> env(final String names) throws Exception {
        final Map<String, String> env = new HashMap<>();
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        env.put(
                "CHORUS_BROKER_CREDENTIALS_DIR",
                Files.createDirectories(dir.resolve("credentials")).toString());
        env.put("CHORUS_MODULE_SECRETS_ROOT", dir.resolve("no-module-secrets").toString());
        env.put("CHORUS_PRINCIPALS", "operator");
        env.put("CHORUS_TLS_DIR", Files.createDirectories(dir.resolve("tls")).toString());
        env.put("CHORUS_TLS_NAMES", names);
        env.put(
                "CHORUS_SECRET_OWNER",
                run(List.of("id", "-u"), Map.of(), dir).strip() + ":"
                        + run(List.of("id", "-g"), Map.of(), dir).strip());
        env.put("CHORUS_BROKER_JAR", Path.of("target/classes").toAbsolutePath().toString());
        env.put("CHORUS_SATELLITE_PORT", "8883");
        return env;
    }

    @Test
    void aSatelliteLogsInOverTlsWithWhatAddSatellitePrints() throws Exception {
        final Map<String, String> env = env("localhost,127.0.0.1");
        run(List.of("bash", SCRIPT.toString(), "generate"), env, dir);
        final Path tls = dir.resolve("tls");
        assertThat(tls.resolve("ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(tls.resolve("server-key.pem")).content().startsWith("-----BEGIN PRIVATE KEY-----");
        final String ca = Files.readString(tls.resolve("ca.pem"));
        final String cert = Files.readString(tls.resolve("server-cert.pem"));

        run(List.of("bash", SCRIPT.toString(), "generate"), env, dir);
        assertThat(Files.readString(tls.resolve("server-cert.pem")))
                .as("kept while the names stay")
                .isEqualTo(cert);

        final String printed = run(List.of("bash", SCRIPT.toString(), "satellite", "kitchen"), env, dir);
        final Path satellite = Files.createDirectories(dir.resolve("satellite-machine"));
        Files.writeString(satellite.resolve("satellite-kitchen.sh"), printed);
        run(List.of("sh", "satellite-kitchen.sh"), Map.of(), satellite);
        final Path folder = satellite.resolve("satellite");
        assertThat(folder.resolve("ca.pem")).content().isEqualTo(ca);
        assertThat(folder.resolve("satellite.env"))
                .content()
                .contains(
                        "CHORUS_SITE_ID=kitchen",
                        "CHORUS_MQTT_USERNAME=satellite-kitchen",
                        "CHORUS_MQTT_URI=ssl://localhost:8883");
        assertThat(folder.resolve("audio.env")).content().contains("CHORUS_MODULE_NAME=satellite-kitchen-audio");
        final String password =
                Files.readString(folder.resolve("mqtt-password")).strip();
        assertThat(dir.resolve("credentials/satellite-kitchen")).content().isEqualTo(password + "\n");

        final TestBroker broker = new TestBroker(dir.resolve("broker"), List.of());
        Files.writeString(broker.settings.credentialsDir().resolve("satellite-kitchen"), password + "\n");
        broker.settings = broker.settings.toBuilder()
                .tlsPort(0)
                .tlsCertFile(tls.resolve("server-cert.pem"))
                .tlsKeyFile(tls.resolve("server-key.pem"))
                .build();
        try (broker) {
            broker.start();
            final String uri = "ssl://localhost:" + broker.settings.tlsPort();
            final MqttConnectionOptions options = TestBroker.options("satellite-kitchen", password, true);
            options.setSocketFactory(trusting(folder.resolve("ca.pem")).getSocketFactory());
            options.setHttpsHostnameVerificationEnabled(true);
            final MqttClient client = new MqttClient(uri, "satellite-kitchen-audio", new MemoryPersistence());
            client.connect(options);
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
            client.close();

            final MqttClient strange = new MqttClient(
                    "ssl://127.0.0.2:" + broker.settings.tlsPort(), "satellite-kitchen-x", new MemoryPersistence());
            assertThatThrownBy(() -> strange.connect(options))
                    .as("an address the certificate does not name")
                    .isNotNull();
            strange.close(true);
        }

        run(List.of("bash", SCRIPT.toString(), "generate"), env("base.lan,localhost"), dir);
        assertThat(Files.readString(tls.resolve("server-cert.pem")))
                .as("new names, new server certificate")
                .isNotEqualTo(cert);
        assertThat(tls.resolve("ca.pem")).as("the same CA").content().isEqualTo(ca);
    }

    @Test
    void aSiteWithADashIsRefused() throws Exception {
        final Map<String, String> env = env("localhost");
        assertThatThrownBy(() -> run(List.of("bash", SCRIPT.toString(), "satellite", "living-room"), env, dir))
                .hasMessageContaining("no '-'");
    }

    private static String run(final List<String> command, final Map<String, String> env, final Path cwd)
            throws Exception {
        final ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        final Process p = pb.start();
        final byte[] out = p.getInputStream().readAllBytes();
        final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + p.exitValue() + ": " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static SSLContext trusting(final Path caFile) throws Exception {
        final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
