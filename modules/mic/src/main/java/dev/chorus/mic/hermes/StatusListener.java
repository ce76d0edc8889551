package dev.chorus.mic.hermes;

import dev.chorus.mic.Listening;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;

/**
 * Retained {@code chorus/status/{module}}: only an online module's listening list counts, so a module that died
 * (its will says offline) stops the streams it asked for. An empty payload (cleared) counts as offline.
 */
@Singleton
public class StatusListener implements MessageListener {

    private final Listening listening;
    private final JsonCodec codec;

    public StatusListener(Listening listening, JsonCodec codec) {
        this.listening = listening;
        this.codec = codec;
    }

    @Override
    public String topicFilter() {
        return Topics.STATUS_FILTER;
    }

    @Override
    public void onMessage(InboundMessage message) throws Exception {
        String module = Topics.STATUS.extract(message.topic(), "module").orElse(null);
        if (module == null) {
            return;
        }
        boolean online = message.payload().length > 0
                && codec.decode(message.payload(), ModuleStatus.class).online();
        listening.status(module, online);
    }
}
