package dev.chorus.testkit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho v5 callback for test clients that only take messages: every other event is ignored (a test client's
 * reconnects are Paho's, its errors show up as missing messages in the test's assertions). A lambda will do:
 * {@code client.setCallback((MessageCallback) (topic, message) -> ...)}.
 */
@FunctionalInterface
public interface MessageCallback extends MqttCallback {

    @Override
    default void disconnected(MqttDisconnectResponse response) {}

    @Override
    default void mqttErrorOccurred(MqttException exception) {}

    @Override
    default void deliveryComplete(IMqttToken token) {}

    @Override
    default void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
