package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Raw bytes on {@code example/count/#}. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class CountListener implements MessageListener {

    private final Inbox inbox;

    CountListener(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public String topicFilter() {
        return "example/count/#";
    }

    @Override
    public void onMessage(InboundMessage message) {
        inbox.add("count", message, message.payloadAsString());
    }
}
