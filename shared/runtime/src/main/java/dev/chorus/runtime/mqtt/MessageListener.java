package dev.chorus.runtime.mqtt;

/**
 * A bean that handles every message on {@link #topicFilter()} (raw bytes: audio, or JSON you decode yourself).
 * Declare it as a bean; the runtime subscribes it on every (re)connect.
 *
 * <p>Calls for one listener are made one at a time, in arrival order, on a worker thread (never on Paho's
 * thread), so a handler may block, including on a publish future. An exception thrown here is reported on
 * {@code chorus/error/<module>} (and the Hermes error topic for Hermes topics); the module keeps running.
 */
public interface MessageListener {

    /** An MQTT topic filter, wildcards allowed, e.g. {@code Topics.PLAY_BYTES_FILTER}. */
    String topicFilter();

    default int qos() {
        return 1;
    }

    void onMessage(InboundMessage message) throws Exception;
}
