package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code example/ask/#}: asks the module's own {@link PingListener} and waits for the answer in the handler. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class AskListener implements MessageListener {

    private final ChorusMqtt mqtt;
    private final Inbox inbox;

    AskListener(ChorusMqtt mqtt, Inbox inbox) {
        this.mqtt = mqtt;
        this.inbox = inbox;
    }

    @Override
    public String topicFilter() {
        return "example/ask/#";
    }

    @Override
    public void onMessage(InboundMessage message) {
        InboundMessage reply = mqtt.requestJson(
                        "example/ping", new Ping(message.payloadAsString(), 1), Duration.ofSeconds(20))
                .join();
        inbox.add("answered", message, reply.payloadAsString());
    }
}
