package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Inbox;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** QoS 1 messages sent while a module is stopped reach it when it starts again with the same client id. */
@Timeout(120)
class PersistentSessionTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void messagesQueuedWhileStoppedArriveAfterRestartInOrder() {
        ModuleHarness example = ExampleModule.harness(BROKER);
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester").subscribe(Topics.status("example"))) {
            try (ApplicationContext first = example.startConnected()) {
                tester.await(
                        Topics.status("example"),
                        m -> !m.retained() && m.json(ModuleStatus.class).online());
            }
            tester.await(
                    Topics.status("example"),
                    m -> !m.retained() && !m.json(ModuleStatus.class).online());

            // the module is down; its session (and subscriptions) live on in the broker
            List<String> sent =
                    IntStream.range(0, 50).mapToObj(i -> "message " + i).toList();
            sent.forEach(text -> tester.publish("example/count/queued", text));

            try (ApplicationContext second = example.start()) {
                Inbox inbox = second.getBean(Inbox.class);
                List<String> got = await().until(() -> payloads(inbox), p -> p.size() >= sent.size());
                assertThat(got).containsExactlyElementsOf(sent);
            }
        }
    }

    @Test
    void messagesKeepTheirOrderPerListener() {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester");
                ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {
            Inbox inbox = ctx.getBean(Inbox.class);
            List<String> sent = IntStream.range(0, 100).mapToObj(i -> "n" + i).toList();
            sent.forEach(text -> tester.publish("example/count/ordered", text.getBytes(), 1, false));
            List<String> got = await().until(() -> payloads(inbox), p -> p.size() >= sent.size());
            assertThat(got).containsExactlyElementsOf(sent);
        }
    }

    private static List<String> payloads(Inbox inbox) {
        return inbox.of("count").stream()
                .map(e -> e.message().payloadAsString())
                .toList();
    }
}
