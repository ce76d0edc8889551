package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Ping;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ChorusMqtt#retainJson}: state a module announces about itself is retained on the broker, the last one
 * wins, and it is published again after a reconnect (here: after someone cleared it and the link dropped).
 */
@Timeout(120)
class RetainedStateTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    static final String STATE = "example/state";

    @Test
    void retainedStateIsPublishedOnConnectAndAgainOnEveryReconnect() {
        try (TcpProxy link = TcpProxy.to(BROKER);
                TestMqttClient watcher =
                        TestMqttClient.connect(BROKER, "tester").subscribe(STATE);
                ApplicationContext ctx =
                        ExampleModule.harness(BROKER).mqttUri(link.uri()).start()) {
            ChorusMqtt mqtt = ctx.getBean(ChorusMqtt.class);
            mqtt.retainJson(STATE, new Ping("first", 1)); // announced before (or while) connecting
            assertThat(watcher.await(STATE).json(Ping.class)).isEqualTo(new Ping("first", 1));
            assertThat(retainedNow().json(Ping.class)).isEqualTo(new Ping("first", 1));

            mqtt.retainJson(STATE, new Ping("second", 2));
            watcher.await(STATE, m -> m.json(Ping.class).n() == 2);
            assertThat(retainedNow().json(Ping.class)).isEqualTo(new Ping("second", 2));

            // someone clears it, then the module's connection drops: it comes back with the reconnect
            try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")) {
                tester.publish(STATE, new byte[0], 1, true);
            }
            watcher.await(STATE, m -> m.payload().length == 0);
            watcher.clear();
            link.cut();
            assertThat(watcher.await(STATE, m -> m.payload().length > 0).json(Ping.class))
                    .isEqualTo(new Ping("second", 2));
            assertThat(retainedNow().json(Ping.class)).isEqualTo(new Ping("second", 2));
        }
    }

    /** What a new subscriber gets as the retained message. */
    private static TestMqttClient.Received retainedNow() {
        try (TestMqttClient late = TestMqttClient.connect(BROKER, "tester").subscribe(STATE)) {
            TestMqttClient.Received m = late.await(STATE);
            assertThat(m.retained()).as("retained").isTrue();
            return m;
        }
    }
}
