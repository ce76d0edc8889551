package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import jakarta.inject.Singleton;

/**
 * {@code chorus/audioServer/{siteId}/stop} (Chorus; the dialogue manager sends it when a wake word interrupts the
 * site): the site's says in progress stop (see {@link SiteQueues#stop}). The payload is not read.
 */
@Singleton
class StopListener implements MessageListener {

    private final SiteQueues queues;

    StopListener(final SiteQueues queues) {
        this.queues = queues;
    }

    @Override
    public String topicFilter() {
        return Topics.AUDIO_SERVER_STOP_FILTER;
    }

    /** Behind the says that came before it ({@link SayListener#queue()}). */
    @Override
    public String queue() {
        return SayListener.SAY_QUEUE;
    }

    @Override
    public void onMessage(final InboundMessage message) {
        Topics.AUDIO_SERVER_STOP.extract(message.topic(), "siteId").ifPresent(queues::stop);
    }
}
