package dev.chorus.asr.hermes;

import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/** {@code hermes/asr/stopListening}: the session ends and what it recorded is decoded. */
@Singleton
public class StopListeningListener implements JsonListener<AsrStopListening> {

    private final Sessions sessions;

    public StopListeningListener(Sessions sessions) {
        this.sessions = sessions;
    }

    /** In arrival order with the other session messages ({@link Sessions#QUEUE}). */
    @Override
    public String queue() {
        return Sessions.QUEUE;
    }

    @Override
    public Class<AsrStopListening> messageType() {
        return AsrStopListening.class;
    }

    @Override
    public void onMessage(InboundMessage raw, AsrStopListening request) {
        sessions.stop(request);
    }
}
