package dev.chorus.systemtests;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.testkit.MessageCallback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The MQTT clients a system test opens on a stack's broker as the operator: persistent sessions (clean start off,
 * ten minutes' expiry) that reconnect by themselves, so what the broker queued while a client or the broker was
 * away arrives after the reconnect. {@link #close()} disconnects every client it opened.
 */
final class MqttClients implements AutoCloseable {

    private final String uri;
    private final String operatorPassword;
    private final List<MqttClient> clients = new ArrayList<>();

    MqttClients(String uri, String operatorPassword) {
        this.uri = uri;
        this.operatorPassword = operatorPassword;
    }

    /** A subscriber to the filters at QoS 1 whose messages land in the returned recorder. */
    Recorder subscriber(String clientId, String... filters) throws MqttException {
        Recorder rec = new Recorder();
        MqttClient c = client(clientId);
        c.setCallback(
                (MessageCallback) (topic, m) -> rec.add(topic, new String(m.getPayload(), StandardCharsets.UTF_8)));
        c.connect(options());
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        c.subscribe(filters, qos);
        return rec;
    }

    MqttClient publisher(String clientId) throws MqttException {
        MqttClient c = client(clientId);
        c.connect(options());
        return c;
    }

    /** Asks every client that is not connected to reconnect now; true, for use inside an await condition. */
    boolean reconnectAll() {
        clients.forEach(MqttClients::reconnect);
        return true;
    }

    /**
     * Asks a client that is not connected to reconnect now rather than at its next automatic try (1 to 2 s
     * apart), which is harmless when a try is under way: it only shortens the wait after the broker is back.
     */
    static void reconnect(MqttClient client) {
        if (!client.isConnected()) {
            try {
                client.reconnect();
            } catch (MqttException e) {
                // the broker is not back yet: the next try
            }
        }
    }

    static MqttMessage qos1(String text) {
        return qos1(text.getBytes(StandardCharsets.UTF_8));
    }

    static MqttMessage qos1(byte[] payload) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        return m;
    }

    /** A WAV of silence in the Hermes audio format (16 kHz, 16-bit mono). */
    static byte[] silence(Duration length) {
        int rate = 16_000;
        return Wav.write(PcmFormat.mono16(rate), new byte[(int) (rate * 2 * length.toMillis() / 1000)]);
    }

    @Override
    public void close() {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2000);
                }
                c.close(true);
            } catch (MqttException e) {
                // gone already
            }
        }
        clients.clear();
    }

    private MqttClient client(String clientId) throws MqttException {
        MqttClient c = new MqttClient(
                uri, clientId + "-" + UUID.randomUUID().toString().substring(0, 6), new MemoryPersistence());
        clients.add(c);
        return c;
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("operator");
        o.setPassword(operatorPassword.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(false);
        o.setSessionExpiryInterval(600L);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(10);
        return o;
    }
}
