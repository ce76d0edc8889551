package dev.chorus.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A message as received, copied out of Paho so handlers may keep it.
 *
 * @param responseTopic   MQTT 5 response topic, or null
 * @param correlationData MQTT 5 correlation data, or null
 * @param contentType     MQTT 5 content type, or null
 * @param userProperties  MQTT 5 user properties in the order received (names may repeat)
 */
public record ReceivedMessage(
        String topic,
        byte[] payload,
        int qos,
        boolean retained,
        boolean duplicate,
        String responseTopic,
        byte[] correlationData,
        String contentType,
        List<UserProperty> userProperties) {

    public ReceivedMessage {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
                + (retained ? ", retained" : "") + (responseTopic != null ? ", responseTopic=" + responseTopic : "")
                + "]";
    }

    public record UserProperty(String name, String value) {}
}
