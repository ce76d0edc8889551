package dev.chorus.runtime.mqtt;

import dev.chorus.protocol.Topics;

/**
 * A bean that handles JSON messages on {@link #topicFilter()}, decoded into the record {@code T} with the
 * stack's strict rules. Payloads larger than {@code CHORUS_MAX_MESSAGE_BYTES}, not JSON, not an object,
 * missing a required key or with a wrongly typed value never reach {@link #onMessage}: they are reported
 * on {@code chorus/error/<module>} (and the matching Hermes error topic) instead.
 * Ordering and threading as for {@link MessageListener}.
 */
public interface JsonListener<T> {

    /**
     * The filter to subscribe; by default the one the catalog gives the message type
     * ({@link Topics#filterOf(Class)}), so a listener of {@code TtsSay} needs to name only its type.
     * Types used on several topics (the toggles, errors) must name their filter.
     */
    default String topicFilter() {
        return Topics.filterOf(messageType())
                .orElseThrow(() -> new IllegalStateException(messageType().getSimpleName()
                        + " is used on several topics: the listener must name its topicFilter()"));
    }

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

    Class<T> messageType();

    void onMessage(InboundMessage raw, T message) throws Exception;
}
