package dev.chorus.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The smallest possible "does the broker accept connections": one MQTT 5 CONNECT with user name and
 * password on a raw socket, success when CONNACK carries reason code 0. No client library, so the
 * start-up time measures the broker, not the client's class loading.
 */
final class MqttProbe {

    private MqttProbe() {}

    static boolean connects(
            final String host,
            final int port,
            final String clientId,
            final String user,
            final String password,
            final int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            final OutputStream out = socket.getOutputStream();
            out.write(connect(clientId, user, password));
            out.flush();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final int type = in.readUnsignedByte();
            final byte[] body = new byte[remainingLength(in)];
            in.readFully(body);
            final boolean accepted = type == 0x20 && body.length >= 2 && body[1] == 0;
            if (accepted) {
                out.write(new byte[] {(byte) 0xE0, 0x00}); // DISCONNECT, normal
                out.flush();
            }
            return accepted;
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] connect(final String clientId, final String user, final String password) {
        return connect(clientId, user, password, 30);
    }

    /** CONNECT, MQTT 5, clean start, receive maximum 65535; {@code keepAliveSeconds} 0 = no keep-alive. */
    static byte[] connect(final String clientId, final String user, final String password, final int keepAliveSeconds) {
        final ByteArrayOutputStream v = new ByteArrayOutputStream();
        string(v, "MQTT");
        v.write(5); // protocol version
        v.write(0x80 | 0x40 | 0x02); // user name, password, clean start
        v.write(keepAliveSeconds >> 8);
        v.write(keepAliveSeconds & 0xFF);
        // Receive Maximum 65535, as the Paho clients ask: a broker may then send that many QoS 1
        // messages before the first PUBACK (Mosquitto's default is 20, and its queue of 1000
        // behind them overflowed while the acknowledgements travelled).
        v.write(3); // properties length
        v.write(0x21);
        v.write(0xFF);
        v.write(0xFF);
        string(v, clientId);
        string(v, user);
        string(v, password);
        final byte[] rest = v.toByteArray();
        final ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int len = rest.length;
        do {
            int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        packet.writeBytes(rest);
        return packet.toByteArray();
    }

    private static void string(final ByteArrayOutputStream out, final String s) {
        final byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    private static int remainingLength(final InputStream in) throws IOException {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0 || shift > 21) {
                throw new IOException("bad remaining length");
            }
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }
}
