package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
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

/** Over real MQTT with the repository's ACL: a satellite principal stays on its own site. */
class BrokerSatellitesTest {

    private static final int NOT_AUTHORIZED = 0x87;

    @TempDir
    static Path dir;

    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker(dir, List.of())
                .withPrincipal("satellite-kitchen")
                .withPrincipal("satellite-hall")
                .start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static MqttMessage json(final String text) {
        final MqttMessage message = new MqttMessage(text.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        return message;
    }

    private static int publish(final MqttAsyncClient client, final String topic, final MqttMessage message)
            throws MqttException {
        final IMqttToken token = client.publish(topic, message);
        token.waitForCompletion(5_000);
        return token.getReasonCodes()[0];
    }

    @Test
    void aDetectionNamingAnotherSiteIsNotAuthorized() throws Exception {
        final Received dialogue = new Received();
        final MqttAsyncClient dm = broker.connect("dialogue", "dialogue-sat-test", true, dialogue);
        dm.subscribe("hermes/hotword/+/detected", 1).waitForCompletion(5_000);
        final MqttAsyncClient kitchen = broker.connect("satellite-kitchen", "satellite-kitchen-wake", true);
        final String topic = "hermes/hotword/hey_jarvis/detected";

        assertThat(publish(kitchen, topic, json("{\"modelId\":\"hey_jarvis\",\"siteId\":\"hall\"}")))
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(kitchen, topic, json("{\"modelId\":\"hey_jarvis\"}")))
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(kitchen.isConnected()).as("a refusal keeps the connection").isTrue();
        assertThat(publish(kitchen, topic, json("{\"modelId\":\"hey_jarvis\",\"siteId\":\"kitchen\"}")))
                .isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> dialogue.topics().contains(topic));
        assertThat(dialogue.topics()).as("only the allowed detection").containsExactly(topic);
        kitchen.disconnect().waitForCompletion();
        dm.disconnect().waitForCompletion();
    }

    @Test
    void aSayOnSeveralSitesIsAuthorizedOnlyOnTheSatellitesOwnSite() throws Exception {
        final Received tts = new Received();
        final MqttAsyncClient module = broker.connect("tts", "tts-sat-test", true, tts);
        module.subscribe("chorus/tts/say", 1).waitForCompletion(5_000);
        final MqttAsyncClient kitchen = broker.connect("satellite-kitchen", "satellite-kitchen-button", true);
        final String topic = "chorus/tts/say";

        for (final String refused : List.of(
                "{\"text\":\"hall\",\"siteIds\":[\"hall\"]}",
                "{\"text\":\"mix\",\"siteIds\":[\"kitchen\",\"hall\"]}",
                "{\"text\":\"none\",\"siteIds\":[]}",
                "not json")) {
            assertThat(publish(kitchen, topic, json(refused))).as(refused).isEqualTo(NOT_AUTHORIZED);
        }
        assertThat(kitchen.isConnected()).as("a refusal keeps the connection").isTrue();
        final String own = "{\"text\":\"own\",\"siteIds\":[\"kitchen\"]}";
        assertThat(publish(kitchen, topic, json(own))).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> !tts.messages.isEmpty());
        assertThat(tts.messages)
                .as("only the say on its own site")
                .extracting(Received.Message::text)
                .containsExactly(own);
        kitchen.disconnect().waitForCompletion();
        module.disconnect().waitForCompletion();
    }

    @Test
    void aSatelliteLearnsThatItsSayWasSpoken() throws Exception {
        final Received button = new Received();
        final MqttAsyncClient kitchen = broker.connect("satellite-kitchen", "satellite-kitchen-button", true, button);
        final IMqttToken sub = kitchen.subscribe("hermes/tts/sayFinished", 1);
        sub.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(sub)).isEqualTo(1);
        final MqttAsyncClient tts = broker.connect("tts", "tts-sat-finished-test", true);
        final String finished = "{\"id\":\"door-1\",\"siteId\":\"kitchen\"}";
        assertThat(publish(tts, "hermes/tts/sayFinished", json(finished))).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> !button.messages.isEmpty());
        assertThat(button.messages).extracting(Received.Message::text).containsExactly(finished);
        assertThat(publish(kitchen, "hermes/tts/sayFinished", json(finished)))
                .as("only the tts says a say was spoken")
                .isEqualTo(NOT_AUTHORIZED);
        kitchen.disconnect().waitForCompletion();
        tts.disconnect().waitForCompletion();
    }

    @Test
    void anotherSitesTopicsAreNotAuthorized() throws Exception {
        final MqttAsyncClient kitchen = broker.connect("satellite-kitchen", "satellite-kitchen-audio", true);
        assertThat(publish(kitchen, "hermes/audioServer/hall/playFinished", json("{\"id\":\"1\"}")))
                .isEqualTo(NOT_AUTHORIZED);
        assertThat(publish(kitchen, "hermes/audioServer/kitchen/playFinished", json("{\"id\":\"1\"}")))
                .as("success, or success with no matching subscribers")
                .isIn(0, 16);
        assertThat(publish(kitchen, "chorus/status/audio", json("{}")))
                .as("the base's audio status")
                .isEqualTo(NOT_AUTHORIZED);
        for (final String filter :
                List.of("hermes/audioServer/hall/playBytes/+", "hermes/audioServer/+/playBytes/+", "hermes/#")) {
            final IMqttToken sub = kitchen.subscribe(filter, 1);
            sub.waitForCompletion(5_000);
            assertThat(TestBroker.firstReasonCode(sub)).as(filter).isEqualTo(NOT_AUTHORIZED);
        }
        final IMqttToken own = kitchen.subscribe("hermes/audioServer/kitchen/playBytes/+", 1);
        own.waitForCompletion(5_000);
        assertThat(TestBroker.firstReasonCode(own)).isEqualTo(1);
        kitchen.disconnect().waitForCompletion();
    }

    @Test
    void anotherSatellitesClientIdIsNotAuthorized() throws Exception {
        final MqttClient client = new MqttClient(broker.uri(), "satellite-hall-audio", new MemoryPersistence());
        assertThatThrownBy(() -> client.connect(
                        TestBroker.options("satellite-kitchen", broker.passwords.get("satellite-kitchen"), true)))
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        client.close();
        final MqttClient module = new MqttClient(broker.uri(), "audio", new MemoryPersistence());
        assertThatThrownBy(() -> module.connect(
                        TestBroker.options("satellite-kitchen", broker.passwords.get("satellite-kitchen"), true)))
                .as("a base module's id")
                .isInstanceOfSatisfying(
                        MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(NOT_AUTHORIZED));
        module.close();
    }

    @Test
    void aSatelliteAddedWhileTheBrokerRunsLogsIn() throws Exception {
        assertThatThrownBy(() -> broker.connect("satellite-porch", "satellite-porch-audio", true))
                .as("no password yet")
                .isInstanceOf(MqttException.class);
        broker.withPrincipal("satellite-porch");
        final MqttAsyncClient porch = broker.connect("satellite-porch", "satellite-porch-audio", true);
        assertThat(porch.isConnected()).isTrue();
        porch.disconnect().waitForCompletion();
    }
}
