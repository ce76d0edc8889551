package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Answers {@code example/ping} with a {@link Pong}, to the response topic if there is one, else on
 * {@code example/pong}. Waits for the publish inside the handler on purpose: that must not deadlock.
 */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class PingListener implements JsonListener<Ping> {

    private final ChorusMqtt mqtt;
    private final Inbox inbox;

    PingListener(ChorusMqtt mqtt, Inbox inbox) {
        this.mqtt = mqtt;
        this.inbox = inbox;
    }

    @Override
    public String topicFilter() {
        return "example/ping";
    }

    @Override
    public Class<Ping> messageType() {
        return Ping.class;
    }

    @Override
    public void onMessage(InboundMessage raw, Ping ping) {
        inbox.add("ping", raw, ping);
        Pong pong = new Pong(ping.text(), ping.n(), ExampleModule.NAME);
        if (raw.responseTopic() != null) {
            mqtt.replyJson(raw, pong).join();
        } else {
            mqtt.publishJson("example/pong", pong).join();
        }
    }
}
