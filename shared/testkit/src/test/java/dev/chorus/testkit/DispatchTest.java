package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Inbox;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Overlapping filters of one module: every listener gets every matching message exactly once. */
@Timeout(120)
class DispatchTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void overlappingSubscriptionsDeliverOncePerListener() {
        try (ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected();
                TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
            Inbox inbox = ctx.getBean(Inbox.class);
            for (int i = 0; i < 20; i++) {
                tester.publish("example/count/1", "one-" + i);
                tester.publish("example/count/2", "two-" + i);
            }
            tester.publish("example/count/end", "end");
            await().until(() ->
                    inbox.of("count").size() >= 41 && inbox.of("count-1").size() >= 20);
            // a duplicate delivery, if any, would arrive before the end marker's
            await().until(() ->
                    inbox.of("count").stream().anyMatch(e -> e.message().topic().equals("example/count/end")));
            assertThat(inbox.of("count")).hasSize(41);
            assertThat(inbox.of("count-1"))
                    .hasSize(20)
                    .allSatisfy(e -> assertThat(e.message().topic()).isEqualTo("example/count/1"));
        }
    }
}
