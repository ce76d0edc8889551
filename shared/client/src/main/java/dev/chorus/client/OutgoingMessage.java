package dev.chorus.client;

import java.nio.charset.StandardCharsets;

/**
 * A message to publish, with the MQTT 5 properties Chorus uses. Build one with {@link #of} and the
 * {@code with…} methods; the payload array is not copied again, so do not change it after handing it over.
 *
 * @param contentType     MQTT 5 content type, or null ({@code application/json} for JSON records)
 * @param responseTopic   MQTT 5 response topic, or null; set for a request
 * @param correlationData MQTT 5 correlation data, or null; set for a request and copied into its reply
 */
public record OutgoingMessage(
        String topic,
        byte[] payload,
        int qos,
        boolean retained,
        String contentType,
        String responseTopic,
        byte[] correlationData) {

    public static final String JSON = "application/json";

    public OutgoingMessage {
        if (topic == null) {
            throw new IllegalArgumentException("topic must not be null");
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null (send an empty array)");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2: " + qos);
        }
    }

    /** QoS 1, not retained, no properties; the payload is copied. */
    public static OutgoingMessage of(final String topic, final byte[] payload) {
        return new OutgoingMessage(topic, payload.clone(), 1, false, null, null, null);
    }

    /** UTF-8 text, QoS 1, not retained. */
    public static OutgoingMessage of(final String topic, final String text) {
        return new OutgoingMessage(topic, text.getBytes(StandardCharsets.UTF_8), 1, false, null, null, null);
    }

    public OutgoingMessage withQos(final int qos) {
        return new OutgoingMessage(topic, payload, qos, retained, contentType, responseTopic, correlationData);
    }

    public OutgoingMessage withRetained(final boolean retained) {
        return new OutgoingMessage(topic, payload, qos, retained, contentType, responseTopic, correlationData);
    }

    public OutgoingMessage withContentType(final String contentType) {
        return new OutgoingMessage(topic, payload, qos, retained, contentType, responseTopic, correlationData);
    }

    /** Sets the response topic and correlation data of a request. */
    public OutgoingMessage withResponse(final String responseTopic, final byte[] correlationData) {
        return new OutgoingMessage(
                topic,
                payload,
                qos,
                retained,
                contentType,
                responseTopic,
                correlationData == null ? null : correlationData.clone());
    }

    /** Valid to publish to: not empty, no wildcards (checked before anything is sent). */
    public static void requireTopic(final String topic) {
        if (topic == null
                || topic.isEmpty()
                || topic.contains("+")
                || topic.contains("#")
                || topic.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid topic to publish to: \"" + topic + "\"");
        }
    }

    @Override
    public String toString() {
        return "OutgoingMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
                + (retained ? ", retained" : "") + (responseTopic != null ? ", responseTopic=" + responseTopic : "")
                + "]";
    }
}
