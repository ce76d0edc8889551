package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.env.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Over real MQTT: nobody gets in without a password, and nobody gets outside their ACL. */
class BrokerSecurityTest {

    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
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
    void readyFileMarksAcceptingBroker() {
        assertThat(dir.resolve("ready")).exists();
    }

    @Test
    void wrongPasswordIsRefused() {
        assertRefused("tts", "not-the-password", BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void missingPasswordIsRefused() {
        assertRefused("tts", null, BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void unknownPrincipalIsRefused() {
        assertRefused("mallory", "whatever", BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void anotherModulesClientIdIsRefused() throws Exception {
        final MqttClient client = new MqttClient(broker.uri(), "audio", new MemoryPersistence());
        assertThatThrownBy(() -> client.connect(TestBroker.options("tts", broker.passwords.get("tts"), true)))
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        client.close();
    }

    @Test
    void allowedPublishAndSubscribeWork() throws Exception {
        final MqttAsyncClient tts = broker.connect("tts", "tts-allowed", true);
        final Received received = new Received();
        final MqttAsyncClient audio = broker.connect("audio", "audio-allowed", true, received);
        final IMqttToken sub = audio.subscribe("hermes/audioServer/+/playBytes/+", 1);
        sub.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(sub)).isEqualTo(1);

        final IMqttToken pub =
                tts.publish("hermes/audioServer/kitchen/playBytes/r1", new MqttMessage(new byte[] {1, 2}));
        pub.waitForCompletion(5_000);
        assertThat(pub.getReasonCodes()).containsOnly(0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.topics().contains("hermes/audioServer/kitchen/playBytes/r1"));
        tts.disconnect().waitForCompletion();
        audio.disconnect().waitForCompletion();
    }

    @Test
    void publishOutsideAclIsNotAuthorizedAndClientStaysConnected() throws Exception {
        final MqttAsyncClient tts = broker.connect("tts", "tts-denied-pub", true);
        final MqttMessage message = new MqttMessage("{}".getBytes());
        message.setQos(1);
        final IMqttToken pub = tts.publish("hermes/dialogueManager/startSession", message);
        pub.waitForCompletion(5_000);
        assertThat(pub.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
        assertThat(tts.isConnected()).isTrue();

        // Publishing as another module's status is spoofing and is refused too.
        final IMqttToken spoof = tts.publish("chorus/status/audio", message);
        spoof.waitForCompletion(5_000);
        assertThat(spoof.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
        tts.disconnect().waitForCompletion();
    }

    @Test
    void subscribeOutsideAclIsNotAuthorized() throws Exception {
        final MqttAsyncClient tts = broker.connect("tts", "tts-denied-sub", true);
        for (final String filter :
                List.of("#", "hermes/#", "hermes/dialogueManager/startSession", "chorus/reply/audio/#")) {
            final IMqttToken sub = tts.subscribe(filter, 1);
            sub.waitForCompletion(5_000);
            assertThat(TestBroker.firstReasonCode(sub)).as(filter).isEqualTo(NOT_AUTHORIZED);
        }
        final IMqttToken own = tts.subscribe("chorus/reply/tts/#", 1);
        own.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(own)).isEqualTo(1);
        tts.disconnect().waitForCompletion();
    }

    @Test
    void credentialFilesAreNeverEmptyOrMissing() throws Exception {
        final Path empty = Files.createDirectories(dir.resolve("empty-credentials"));
        final BrokerSettings settings =
                broker.settings.toBuilder().mqttPort(0).credentialsDir(empty).build();
        assertThatThrownBy(() -> ChorusBroker.start(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CHORUS_BROKER_CREDENTIALS_DIR: no credentials");
    }

    private static void assertRefused(final String user, final String password, final int reason) {
        assertThatThrownBy(() -> {
                    final MqttClient client =
                            new MqttClient(broker.uri(), "probe-" + System.nanoTime(), new MemoryPersistence());
                    try {
                        client.connect(TestBroker.options(user, password, true));
                    } finally {
                        client.close(true);
                    }
                })
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(reason));
    }
}
