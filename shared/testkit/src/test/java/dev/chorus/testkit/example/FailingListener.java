package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Always throws: the runtime must report it and keep serving. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class FailingListener implements MessageListener {

    @Override
    public String topicFilter() {
        return "example/fail";
    }

    @Override
    public void onMessage(InboundMessage message) {
        throw new IllegalStateException("boom on " + message.topic());
    }
}
