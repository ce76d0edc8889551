package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Clients that send no client id (mosquitto_sub/pub without -i) get one from the broker. */
class EmptyClientIdTest {

    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path dir;

    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker(dir, List.of()).start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void mqtt5ClientWithoutIdGetsAnUnreservedIdAndItsPrincipalsRights() throws Exception {
        final MqttAsyncClient client = withoutId();
        final String assigned =
                connect(client, "operator", true).getResponseProperties().getAssignedClientIdentifier();

        assertThat(assigned).startsWith(AssignedClientIds.PREFIX);
        // The reserved-id rule of SecurityExtension: a named principal, or "<principal>-...".
        assertThat(Acl.load(broker.root.resolve("acl.conf")).principals())
                .noneMatch(principal -> assigned.equals(principal) || assigned.startsWith(principal + "-"));
        final IMqttToken allowed = client.subscribe("chorus/status/+", 1);
        allowed.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(allowed)).isEqualTo(1);
        final IMqttToken denied = client.subscribe("#", 1);
        denied.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(denied)).isEqualTo(NOT_AUTHORIZED);
        close(client);
    }

    @Test
    void everyClientWithoutIdGetsItsOwn() throws Exception {
        final MqttAsyncClient first = withoutId();
        final MqttAsyncClient second = withoutId();
        final String one =
                connect(first, "operator", true).getResponseProperties().getAssignedClientIdentifier();
        final String two =
                connect(second, "operator", true).getResponseProperties().getAssignedClientIdentifier();
        assertThat(one).isNotEqualTo(two);
        assertThat(first.isConnected()).isTrue();
        assertThat(second.isConnected()).isTrue();
        close(first);
        close(second);
    }

    @Test
    void anAssignedIdNamesNoSessionBeyondItsConnection() throws Exception {
        // Asks for a session kept for an hour: connected, but with a connection-long session.
        final MqttAsyncClient client = withoutId();
        final String assigned =
                connect(client, "operator", false).getResponseProperties().getAssignedClientIdentifier();
        client.subscribe("chorus/status/+", 1).waitForCompletion(5_000);
        close(client);

        final MqttAsyncClient again = new MqttAsyncClient(broker.uri(), assigned, new MemoryPersistence());
        assertThat(connect(again, "operator", false).getSessionPresent()).isFalse();
        close(again);
    }

    @Test
    void anotherPrincipalTakingAnAssignedIdInheritsNoSubscriptions() throws Exception {
        // The operator's client asks for a kept session: resuming it would hand tts the
        // operator's subscription, which tts's ACL refuses.
        final MqttAsyncClient operator = withoutId();
        final String assigned =
                connect(operator, "operator", false).getResponseProperties().getAssignedClientIdentifier();
        operator.subscribe("chorus/#", 1).waitForCompletion(5_000);

        final MqttAsyncClient tts = new MqttAsyncClient(broker.uri(), assigned, new MemoryPersistence());
        assertThat(connect(tts, "tts", false).getSessionPresent()).isFalse();
        close(tts);
        operator.close(true);
    }

    @ParameterizedTest(name = "clean session {0}: CONNACK return code {1}")
    @CsvSource({"true, 0", "false, 2"})
    void mqtt311ClientWithoutIdNeedsACleanSession(final boolean cleanSession, final int returnCode) throws IOException {
        // Paho v5 speaks MQTT 5 only: a CONNECT by hand, as MQTT 3.1.1 section 3.1 lays it out.
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4});
        body.write(0x80 | 0x40 | (cleanSession ? 0x02 : 0)); // user name, password, clean session
        body.writeBytes(new byte[] {0, 30}); // keep alive, seconds
        writeString(body, ""); // client id
        writeString(body, "operator");
        writeString(body, broker.passwords.get("operator"));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), broker.broker.mqttPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(0x10);
            socket.getOutputStream().write(body.size()); // < 128: one length byte
            socket.getOutputStream().write(body.toByteArray());
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] connack = new byte[4];
            in.readFully(connack);
            assertThat(connack[0]).as("CONNACK").isEqualTo((byte) 0x20);
            assertThat(connack[3]).as("return code").isEqualTo((byte) returnCode);
        }
    }

    private static MqttAsyncClient withoutId() throws MqttException {
        return new MqttAsyncClient(broker.uri(), "", new MemoryPersistence());
    }

    private static IMqttToken connect(final MqttAsyncClient client, final String principal, final boolean cleanStart)
            throws MqttException {
        client.setCallback(new Received());
        final IMqttToken token =
                client.connect(TestBroker.options(principal, broker.passwords.get(principal), cleanStart));
        token.waitForCompletion(10_000);
        return token;
    }

    private static void close(final MqttAsyncClient client) throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    private static void writeString(final ByteArrayOutputStream out, final String value) {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xff);
        out.writeBytes(bytes);
    }
}
