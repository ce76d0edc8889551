package dev.chorus.gateway.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The tts module's presets as it announces them: retained on {@code chorus/tts/presets} ({@link TtsPresets}),
 * published by the tts module on every (re)connect, so the gateway has them a moment after it subscribes.
 *
 * <p>Until then, or after the topic was cleared (an empty retained payload) or held something that is not a
 * {@link TtsPresets}, the presets are <b>unknown</b>: {@code GET /api/presets} says {@code known: false}, and
 * {@code POST /api/say} passes any preset through for the tts module to judge (an unknown one ends the say
 * {@code failed} with the tts module's {@code unknown-preset} error). The gateway never refuses a say only
 * because it has not heard from the tts module yet: says wait at the broker for a tts module that is starting.
 */
@Singleton
public class Presets implements MessageListener {

    private final JsonCodec codec;
    private volatile TtsPresets announced;

    Presets(JsonCodec codec) {
        this.codec = codec;
    }

    @Override
    public String topicFilter() {
        return Topics.TTS_PRESETS;
    }

    @Override
    public void onMessage(InboundMessage message) throws DecodeException {
        if (message.payload().length == 0) {
            announced = null; // cleared
            return;
        }
        try {
            announced = codec.decode(message.payload(), TtsPresets.class);
        } catch (DecodeException e) {
            announced = null;
            throw e; // reported on chorus/error/gateway
        }
    }

    /** The presets the tts module announced, or empty while they are unknown. */
    public Optional<TtsPresets> known() {
        return Optional.ofNullable(announced);
    }
}
