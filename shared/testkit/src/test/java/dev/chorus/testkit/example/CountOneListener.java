package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Overlaps {@link CountListener} on {@code example/count/1}: each listener must get each message once. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class CountOneListener implements MessageListener {

    private final Inbox inbox;

    CountOneListener(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public String topicFilter() {
        return "example/count/1";
    }

    @Override
    public void onMessage(InboundMessage message) {
        inbox.add("count-1", message, message.payloadAsString());
    }
}
