package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional TLS listener (certificate and key from PEM files) and WebSocket listener. */
class BrokerListenersTest {

    @TempDir
    Path dir;

    @Test
    void tlsAndWebSocketListenersAuthenticateLikeTcp() throws Exception {
        final Path cert = dir.resolve("cert.pem");
        final Path key = dir.resolve("key.pem");
        final Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-keyout",
                        key.toString(),
                        "-out",
                        cert.toString(),
                        "-days",
                        "2",
                        "-subj",
                        "/CN=localhost",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .redirectErrorStream(true)
                .start();
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue())
                .as(new String(openssl.getInputStream().readAllBytes()))
                .isZero();

        final TestBroker broker = new TestBroker(dir.resolve("broker"), List.of());
        broker.settings = broker.settings.toBuilder()
                .tlsPort(0)
                .tlsCertFile(cert)
                .tlsKeyFile(key)
                .websocketPort(0)
                .build();
        try (broker) {
            broker.start();
            final String password = broker.passwords.get("operator");

            final MqttConnectionOptions tls = TestBroker.options("operator", password, true);
            tls.setSocketFactory(trusting(cert).getSocketFactory());
            connectAndDisconnect("ssl://127.0.0.1:" + broker.settings.tlsPort(), tls);

            connectAndDisconnect(
                    "ws://127.0.0.1:" + broker.settings.websocketPort() + "/mqtt",
                    TestBroker.options("operator", password, true));

            final MqttClient refused = new MqttClient(
                    "ws://127.0.0.1:" + broker.settings.websocketPort() + "/mqtt",
                    "ws-refused",
                    new MemoryPersistence());
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> refused.connect(TestBroker.options("operator", "wrong", true)));
            refused.close(true);
        }
        assertThat(Files.exists(dir.resolve("broker/ready")))
                .as("ready file removed at stop")
                .isFalse();
    }

    private static void connectAndDisconnect(final String uri, final MqttConnectionOptions options) throws Exception {
        final MqttClient client =
                new MqttClient(uri, "operator-" + uri.substring(0, uri.indexOf(':')), new MemoryPersistence());
        client.connect(options);
        assertThat(client.isConnected()).as(uri).isTrue();
        client.disconnect();
        client.close();
    }

    private static SSLContext trusting(final Path cert) throws Exception {
        final KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry(
                    "chorus", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        final SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
