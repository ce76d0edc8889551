package dev.chorus.client;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Our message records to and from Paho's {@link MqttMessage} with its MQTT 5 properties; public for the
 * runtime's connection, the one other place that speaks Paho.
 */
public final class PahoMessages {

    private PahoMessages() {}

    public static MqttMessage toPaho(final OutgoingMessage m) {
        final MqttProperties p = new MqttProperties();
        if (m.contentType() != null) {
            p.setContentType(m.contentType());
        }
        if (m.responseTopic() != null) {
            p.setResponseTopic(m.responseTopic());
        }
        if (m.correlationData() != null) {
            p.setCorrelationData(m.correlationData());
        }
        return new MqttMessage(m.payload(), m.qos(), m.retained(), p);
    }

    static ReceivedMessage fromPaho(final String topic, final MqttMessage m) {
        final MqttProperties p = m.getProperties() == null ? new MqttProperties() : m.getProperties();
        final List<ReceivedMessage.UserProperty> userProperties = new ArrayList<>();
        if (p.getUserProperties() != null) {
            for (final UserProperty up : p.getUserProperties()) {
                userProperties.add(new ReceivedMessage.UserProperty(up.getKey(), up.getValue()));
            }
        }
        return new ReceivedMessage(
                topic,
                m.getPayload(),
                m.getQos(),
                m.isRetained(),
                m.isDuplicate(),
                p.getResponseTopic(),
                p.getCorrelationData(),
                p.getContentType(),
                userProperties);
    }
}
