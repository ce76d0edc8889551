package dev.chorus.asr.hermes;

import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;

/** {@code hermes/asr/startListening}: a listening session for the site. */
@Singleton
public class StartListeningListener implements JsonListener<AsrStartListening> {

    private final Sessions sessions;

    public StartListeningListener(Sessions sessions) {
        this.sessions = sessions;
    }

    /** In arrival order with the other session messages ({@link Sessions#QUEUE}). */
    @Override
    public String queue() {
        return Sessions.QUEUE;
    }

    @Override
    public Class<AsrStartListening> messageType() {
        return AsrStartListening.class;
    }

    @Override
    public void onMessage(InboundMessage raw, AsrStartListening request) {
        sessions.start(request);
    }
}
