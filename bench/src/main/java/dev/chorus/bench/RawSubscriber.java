package dev.chorus.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The throughput run's subscriber: MQTT 5 on a plain socket, one reader thread, PUBACK for QoS 1
 * (flushed when nothing more is buffered), every payload handed to a {@link Sink}. A Paho
 * subscriber hands each message from its receiver thread to its callback thread through a queue
 * of 10 and then waits up to 200 ms at a time (thread dump: "MQTT Rec" in
 * CommsCallback.messageArrived, "MQTT Call" idle): that measured the client as much as the broker.
 * Receive maximum 65535 and no keep-alive (MqttProbe.connect). The publishers stay Paho clients,
 * identical for every broker.
 */
final class RawSubscriber implements AutoCloseable {

    /** Receives each PUBLISH payload on the reader thread. */
    interface Sink {
        void accept(byte[] payload);
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Thread reader;
    private volatile boolean closing;

    private RawSubscriber(final Socket socket, final Sink sink) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 12);
        this.reader = new Thread(() -> read(sink), "bench-raw-subscriber");
        reader.setDaemon(true);
    }

    /** Connects, subscribes {@code filter} with {@code qos}, waits for the SUBACK, then starts reading. */
    static RawSubscriber subscribe(
            final String host,
            final int port,
            final String clientId,
            final String user,
            final String password,
            final String filter,
            final int qos,
            final Sink sink)
            throws IOException {
        final Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(10_000);
        final RawSubscriber s = new RawSubscriber(socket, sink);
        // No keep-alive: the reader thread sends nothing but PUBACKs, and a QoS 0 run may last longer
        // than a keep-alive period on a busy machine.
        s.out.write(MqttProbe.connect(clientId, user, password, 0));
        s.out.flush();
        final int connack = s.in.readUnsignedByte();
        final byte[] connackBody = s.body();
        if (connack != 0x20 || connackBody.length < 2 || connackBody[1] != 0) {
            socket.close();
            throw new IOException("CONNECT refused: " + Integer.toHexString(connack));
        }
        s.out.write(subscribePacket(filter, qos));
        s.out.flush();
        final int suback = s.in.readUnsignedByte();
        final byte[] subackBody = s.body();
        // packet id (2), properties length (1, none expected), reason code = granted QoS
        if (suback != 0x90 || subackBody.length < 4 || (subackBody[subackBody.length - 1] & 0xFF) > 2) {
            socket.close();
            throw new IOException("SUBSCRIBE refused");
        }
        socket.setSoTimeout(0);
        s.reader.start();
        return s;
    }

    private void read(final Sink sink) {
        try {
            while (true) {
                final int header = in.readUnsignedByte();
                final byte[] body = body();
                if ((header >> 4) != 3) {
                    continue; // not a PUBLISH (PINGRESP, DISCONNECT): nothing to count
                }
                final int qos = (header >> 1) & 3;
                final ByteBuffer b = ByteBuffer.wrap(body);
                final int topicLength = b.getShort() & 0xFFFF;
                b.position(b.position() + topicLength);
                int packetId = 0;
                if (qos > 0) {
                    packetId = b.getShort() & 0xFFFF;
                }
                final int propertiesLength = varInt(b);
                b.position(b.position() + propertiesLength);
                final byte[] payload = new byte[b.remaining()];
                b.get(payload);
                sink.accept(payload);
                if (qos == 1) {
                    synchronized (this) {
                        out.write(new byte[] {0x40, 0x02, (byte) (packetId >> 8), (byte) packetId});
                        // Flush when nothing more is buffered: acknowledgements go out in batches.
                        if (in.available() == 0) {
                            out.flush();
                        }
                    }
                }
            }
        } catch (IOException e) {
            if (!closing && !(e instanceof EOFException)) {
                System.err.println("raw subscriber: " + e);
            }
        }
    }

    private byte[] body() throws IOException {
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.readUnsignedByte();
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0 && shift <= 21);
        final byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    private static int varInt(final ByteBuffer b) {
        int value = 0;
        int shift = 0;
        int v;
        do {
            v = b.get() & 0xFF;
            value |= (v & 0x7F) << shift;
            shift += 7;
        } while ((v & 0x80) != 0 && shift <= 21);
        return value;
    }

    private static byte[] subscribePacket(final String filter, final int qos) {
        final byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        final ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.write(0);
        v.write(1); // packet id 1
        v.write(0); // no properties
        v.write(f.length >> 8);
        v.write(f.length & 0xFF);
        v.writeBytes(f);
        v.write(qos); // subscription options: QoS only
        final byte[] rest = v.toByteArray();
        final ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x82);
        int len = rest.length;
        do {
            final int digit = len % 128;
            len /= 128;
            packet.write(len > 0 ? digit | 0x80 : digit);
        } while (len > 0);
        packet.writeBytes(rest);
        return packet.toByteArray();
    }

    @Override
    public void close() {
        closing = true;
        try {
            synchronized (this) {
                out.write(new byte[] {(byte) 0xE0, 0x00});
                out.flush();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
