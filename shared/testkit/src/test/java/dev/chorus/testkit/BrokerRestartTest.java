package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Inbox;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker restart on the same data folder: the module reconnects, its subscriptions still deliver. */
@Timeout(180)
class BrokerRestartTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void subscriptionsSurviveABrokerRestart() throws Exception {
        try (ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {
            ChorusMqtt mqtt = ctx.getBean(ChorusMqtt.class);
            Inbox inbox = ctx.getBean(Inbox.class);
            try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
                tester.publish("example/count/before", "before");
                await().until(() -> inbox.of("count").size() == 1);
            }

            BROKER.stop();
            await().until(() -> !mqtt.isConnected());
            // published while the broker is down: waits in the module's offline buffer
            var buffered = mqtt.publish("example/count/buffered", "buffered".getBytes(StandardCharsets.UTF_8));
            assertThat(buffered).isNotDone();
            BROKER.start();
            await().atMost(Duration.ofSeconds(60)).until(mqtt::isConnected);
            buffered.get(30, java.util.concurrent.TimeUnit.SECONDS);

            try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
                tester.publish("example/count/after", "after");
            }
            await().until(() -> inbox.of("count").size() == 3);
            assertThat(inbox.of("count"))
                    .map(e -> e.message().payloadAsString())
                    .containsExactlyInAnyOrder("before", "buffered", "after");
        }
    }
}
