package dev.chorus.testkit.example;

import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** A Hermes topic, so bad payloads also produce {@code hermes/error/tts}. */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class SayListener implements JsonListener<TtsSay> {

    private final Inbox inbox;

    SayListener(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public Class<TtsSay> messageType() {
        return TtsSay.class;
    }

    @Override
    public void onMessage(InboundMessage raw, TtsSay say) {
        inbox.add("say", raw, say);
    }
}
