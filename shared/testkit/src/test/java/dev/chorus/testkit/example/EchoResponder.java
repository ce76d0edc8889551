package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;

/** Replies to {@code example/echo} requests with "echo: " + the payload. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class EchoResponder implements MessageListener {

    private final ChorusMqtt mqtt;

    EchoResponder(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public String topicFilter() {
        return "example/echo";
    }

    @Override
    public void onMessage(InboundMessage request) {
        mqtt.reply(request, ("echo: " + request.payloadAsString()).getBytes(StandardCharsets.UTF_8));
    }
}
