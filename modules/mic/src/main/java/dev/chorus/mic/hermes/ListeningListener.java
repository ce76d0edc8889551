package dev.chorus.mic.hermes;

import dev.chorus.mic.Listening;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;

/**
 * Retained {@code chorus/listening/{module}}: the sites a module wants frames of. Raw, not a JSON listener, because
 * an empty retained payload (the list cleared) is a valid message here. The module is the topic's level: the
 * broker lets only that principal publish there.
 */
@Singleton
public class ListeningListener implements MessageListener {

    private final Listening listening;
    private final JsonCodec codec;

    public ListeningListener(Listening listening, JsonCodec codec) {
        this.listening = listening;
        this.codec = codec;
    }

    @Override
    public String topicFilter() {
        return Topics.LISTENING_FILTER;
    }

    @Override
    public void onMessage(InboundMessage message) throws Exception {
        String module = Topics.LISTENING.extract(message.topic(), "module").orElse(null);
        if (module == null) {
            return;
        }
        if (message.payload().length == 0) {
            listening.listening(module, null);
            return;
        }
        listening.listening(
                module, codec.decode(message.payload(), ListeningSites.class).siteIds());
    }
}
