package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Ping;
import dev.chorus.testkit.example.Pong;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MQTT 5 request/response: response topic chorus/reply/<module>/<uuid> plus correlation data. */
@Timeout(120)
class RequestResponseTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    static ApplicationContext ctx;
    static ChorusMqtt mqtt;

    @BeforeAll
    static void startModule() {
        ctx = ExampleModule.harness(BROKER).startConnected();
        mqtt = ctx.getBean(ChorusMqtt.class);
    }

    @AfterAll
    static void stopModule() {
        ctx.close();
    }

    @Test
    void roundTripThroughTheBroker() throws Exception {
        InboundMessage reply = mqtt.request(
                        "example/echo", "hi".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);
        assertThat(reply.payloadAsString()).isEqualTo("echo: hi");
        assertThat(reply.topic()).startsWith("chorus/reply/example/");
        assertThat(new String(reply.correlationData(), StandardCharsets.UTF_8))
                .isEqualTo(reply.topic().substring("chorus/reply/example/".length()));
    }

    @Test
    void jsonRequestToAJsonListener() throws Exception {
        InboundMessage reply = mqtt.requestJson("example/ping", new Ping("marco", 7), Duration.ofSeconds(10))
                .get(15, TimeUnit.SECONDS);
        assertThat(mqtt.codec().decode(reply.payload(), Pong.class)).isEqualTo(new Pong("marco", 7, "example"));
    }

    @Test
    void concurrentRequestsGetTheirOwnReplies() {
        List<CompletableFuture<InboundMessage>> replies = IntStream.range(0, 40)
                .mapToObj(i -> mqtt.request(
                        "example/echo", ("n" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)))
                .toList();
        for (int i = 0; i < replies.size(); i++) {
            assertThat(replies.get(i).join().payloadAsString()).isEqualTo("echo: n" + i);
        }
    }

    @Test
    void noAnswerMeansTimeout() {
        CompletableFuture<InboundMessage> reply =
                mqtt.request("example/nobody-answers", new byte[] {1}, Duration.ofMillis(500));
        assertThatThrownBy(() -> reply.get(15, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void theModuleAnswersAnOutsideRequester() {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester").subscribe("chorus/reply/tester/#")) {
            tester.publishRequest(
                    "example/ping",
                    mqtt.codec().encode(new Ping("from outside", 3)),
                    "chorus/reply/tester/42",
                    "corr-42".getBytes(StandardCharsets.UTF_8));
            TestMqttClient.Received reply = tester.await("chorus/reply/tester/42");
            assertThat(reply.json(Pong.class)).isEqualTo(new Pong("from outside", 3, "example"));
            assertThat(new String(reply.correlationData(), StandardCharsets.UTF_8))
                    .isEqualTo("corr-42");
        }
    }

    @Test
    void replyWithoutResponseTopicFails() {
        CompletableFuture<Void> result = mqtt.reply(InboundMessage.of("example/x", new byte[0]), new byte[0]);
        assertThat(result).isCompletedExceptionally();
    }

    @Test
    void aRefusedPublishFailsItsFuture() {
        // the ACL does not let "example" publish to hermes/tts/say
        CompletableFuture<Void> publish = mqtt.publish("hermes/tts/say", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> publish.get(15, TimeUnit.SECONDS)).hasMessageContaining("reason code 135");
        assertThat(mqtt.isConnected()).isTrue();
    }
}
