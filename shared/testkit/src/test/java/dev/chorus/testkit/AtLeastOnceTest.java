package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.HoldListener;
import dev.chorus.testkit.example.Inbox;
import dev.chorus.testkit.example.JournaledListener;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A QoS 1 message is acknowledged only once handled or journaled: a module whose connection dies while a
 * handler runs (a killed process, as far as the broker can tell) gets the message again when it comes back;
 * acks go in arrival order; a journaled message is acknowledged at once and resumed from the journal.
 * (HiveMQ sends a subscriber more only once everything it sent is acknowledged: a handler that holds its
 * ack holds the module's whole inflow, which is why long requests journal.)
 */
@Timeout(120)
class AtLeastOnceTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void aMessageWhoseHandlerWasCutShortComesAgainAndSoDoTheOnesAckedAfterIt() {
        ModuleHarness example = ExampleModule.harness(BROKER);
        try (TcpProxy link = TcpProxy.to(BROKER);
                TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
            example.startConnected().close(); // the session exists; what follows waits in it
            // queued together, so the broker sends both at once (it sends more only once all are acknowledged)
            tester.publish("example/hold/1", "held");
            tester.publish("example/count/after", "after");
            try (ApplicationContext first = example.mqttUri(link.uri()).start()) {
                Inbox inbox = first.getBean(Inbox.class);
                await().until(() -> inbox.of("hold").size() == 1);
                // handled at once, but its ack has to wait behind the held one (arrival order)
                await().until(() -> inbox.of("count").size() == 1);
                assertThat(first.getBean(ChorusMqtt.class).acksWaiting()).isEqualTo(2);
                link.refuse(true);
                link.cut(); // the broker sees a dead client; the held handler never finished
                first.getBean(HoldListener.class).release();
            }
            try (ApplicationContext second = example.mqttUri(BROKER.uri()).start()) {
                Inbox inbox = second.getBean(Inbox.class);
                second.getBean(HoldListener.class).release();
                await().until(() -> texts(inbox, "hold").contains("held"));
                await().until(() -> texts(inbox, "count").contains("after"));
                await().until(() -> second.getBean(ChorusMqtt.class).acksWaiting() == 0);
            }
        }
    }

    @Test
    void aJournaledMessageIsAcknowledgedAtOnceAndResumedAfterACrash() {
        ModuleHarness example = ExampleModule.harness(BROKER);
        try (TcpProxy link = TcpProxy.to(BROKER);
                TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
            try (ApplicationContext first = example.mqttUri(link.uri()).startConnected()) {
                Inbox inbox = first.getBean(Inbox.class);
                tester.publish("example/journaled/1", "long request");
                await().until(() -> inbox.of("journaled").size() == 1);
                // not held back by the long request: its ack went when the journal had it
                tester.publish("example/count/after", "after journaled");
                await().until(() -> inbox.of("count").size() == 1);
                await().until(() -> first.getBean(ChorusMqtt.class).acksWaiting() == 0);
                link.refuse(true);
                link.cut();
                first.getBean(JournaledListener.class).release();
                assertThat(first.getBean(JournaledListener.class).journal().size())
                        .isEqualTo(1);
            }
            try (ApplicationContext second = example.mqttUri(BROKER.uri()).startConnected()) {
                Inbox inbox = second.getBean(Inbox.class);
                second.getBean(JournaledListener.class).release();
                assertThat(texts(inbox, "resumed")).containsExactly("long request");
                assertThat(inbox.of("resumed").get(0).decoded()).isEqualTo("started");
                // a marker on the same topic: had the first been redelivered, it would have come before
                tester.publish("example/journaled/1", "marker");
                await().until(() -> texts(inbox, "journaled").contains("marker"));
                assertThat(texts(inbox, "journaled")).containsExactly("marker");
                assertThat(inbox.of("journal-duplicate")).isEmpty();
            }
        }
    }

    /** The broker sends nothing more while a message is unacknowledged: a request from a handler releases it. */
    @Test
    void aHandlerThatWaitsForAReplyGetsIt() {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester");
                ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {
            Inbox inbox = ctx.getBean(Inbox.class);
            tester.publish("example/ask/1", "marco");
            await().until(() -> inbox.of("answered").size() == 1);
            assertThat((String) inbox.of("answered").get(0).decoded()).contains("marco");
        }
    }

    private static List<String> texts(Inbox inbox, String listener) {
        return inbox.of(listener).stream()
                .map(e -> e.message().payloadAsString())
                .toList();
    }
}
