package dev.chorus.runtime.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A received MQTT message, copied out of Paho so handlers can keep it.
 *
 * @param responseTopic   MQTT 5 response topic, or null; answer with {@link ChorusMqtt#reply}
 * @param correlationData MQTT 5 correlation data, or null
 * @param userProperties  MQTT 5 user properties in the order received (names may repeat)
 * @param contentType     MQTT 5 content type, or null
 */
public record InboundMessage(
        String topic,
        byte[] payload,
        int qos,
        boolean retained,
        boolean duplicate,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties,
        String contentType) {

    public InboundMessage {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** A message with only a topic and payload (QoS 1), for tests and local dispatch. */
    public static InboundMessage of(String topic, byte[] payload) {
        return new InboundMessage(topic, payload, 1, false, false, null, null, List.of(), null);
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The first user property with that name. */
    public Optional<String> userProperty(String name) {
        return userProperties.stream()
                .filter(p -> p.name().equals(name))
                .map(UserProperty::value)
                .findFirst();
    }

    @Override
    public String toString() {
        return "InboundMessage[topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
                + (retained ? ", retained" : "") + (responseTopic != null ? ", responseTopic=" + responseTopic : "")
                + "]";
    }

    public record UserProperty(String name, String value) {}
}
