package dev.chorus.asr.hermes;

import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code hermes/audioServer/{siteId}/audioFrame} (binary WAV chunks, QoS 0 as the mic sends them): to the
 * site's sessions. Bad frames are reported by {@link Sessions} on {@code hermes/error/asr}, never thrown: the
 * runtime would route them to {@code hermes/error/audioServer/record}, the mic's topic.
 */
@Singleton
public class AudioFrameListener implements MessageListener {

    private final Sessions sessions;

    public AudioFrameListener(Sessions sessions) {
        this.sessions = sessions;
    }

    /** In arrival order with the other session messages ({@link Sessions#QUEUE}). */
    @Override
    public String queue() {
        return Sessions.QUEUE;
    }

    @Override
    public String topicFilter() {
        return Topics.AUDIO_FRAME_FILTER;
    }

    @Override
    public int qos() {
        return 0;
    }

    @Override
    public void onMessage(InboundMessage message) {
        Optional<String> siteId = Topics.AUDIO_FRAME.extract(message.topic(), "siteId");
        siteId.ifPresent(site -> sessions.frame(message.topic(), site, message.payload()));
    }
}
