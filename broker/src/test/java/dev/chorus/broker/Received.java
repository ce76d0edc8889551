package dev.chorus.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Collects what a test client receives; set as the client's callback before connecting. */
class Received implements MqttCallback {

    record Message(String topic, MqttMessage message) {
        String text() {
            return new String(message.getPayload());
        }
    }

    final List<Message> messages = new CopyOnWriteArrayList<>();
    volatile MqttDisconnectResponse disconnect;

    List<String> topics() {
        return messages.stream().map(Message::topic).toList();
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        messages.add(new Message(topic, message));
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
        disconnect = response;
    }

    @Override
    public void mqttErrorOccurred(final MqttException exception) {}

    @Override
    public void deliveryComplete(final IMqttToken token) {}

    @Override
    public void connectComplete(final boolean reconnect, final String serverURI) {}

    @Override
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {}
}
