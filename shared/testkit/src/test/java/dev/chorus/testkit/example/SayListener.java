package dev.chorus.testkit.example;

import dev.chorus.shared.Topics;
import dev.chorus.shared.messages.TtsSay;
import dev.chorus.shared.mqtt.InboundMessage;
import dev.chorus.shared.mqtt.JsonListener;
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
    public String topicFilter() {
        return Topics.TTS_SAY;
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
