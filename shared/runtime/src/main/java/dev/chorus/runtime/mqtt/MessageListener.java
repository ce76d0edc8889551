package dev.chorus.runtime.mqtt;

/**
 * A bean that handles every message on {@link #topicFilter()} (raw bytes: audio, or JSON you decode yourself).
 * Declare it as a bean; the runtime subscribes it on every (re)connect.
 *
 * <p>Calls for one listener are made one at a time, in arrival order, on a worker thread (never on Paho's
 * thread), so a handler may block, including on a publish future. An exception thrown here is reported on
 * {@code chorus/error/<module>} (and the Hermes error topic for Hermes topics); the module keeps running.
 *
 * <p>At least once: a QoS 1 message is acknowledged to the broker only when its handler returned, so a
 * module that dies while handling it gets it again after the restart (acks go out in arrival order, so a
 * slow handler also holds back the acks of the messages behind it). A handler that starts something long
 * (a say waiting for its playFinished) records the message in a {@link dev.chorus.runtime.journal.Journal}
 * first: that releases the ack at once, and the module resumes what the journal holds when it starts.
 * Handlers must therefore tolerate seeing a message twice.
 */
public interface MessageListener {

    /** An MQTT topic filter, wildcards allowed, e.g. {@code Topics.PLAY_BYTES_FILTER}. */
    String topicFilter();

    default int qos() {
        return 1;
    }

    /**
     * Listeners of one module that name the same queue are called one message at a time, in arrival order
     * across all their topics (the audio module's toggleOff, then a playBytes, are handled in that order);
     * null (the default): a queue of its own, in order only among its own messages.
     */
    default String queue() {
        return null;
    }

    void onMessage(InboundMessage message) throws Exception;
}
