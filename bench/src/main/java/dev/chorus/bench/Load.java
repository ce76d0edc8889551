package dev.chorus.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Latency and throughput runs with Paho MQTT 5 clients, identical for every broker. */
final class Load {

    static final int PAYLOAD = 256;
    private static final long TIMEOUT_MS = 10_000;

    private Load() {}

    /**
     * Publish→receive latencies of one paced QoS 1 publisher and one subscriber, each measured from
     * the message's scheduled send time (see {@link #latency}).
     */
    record Latency(long[] nanos, int lost) {}

    /** Messages counted by a throughput run; msgs/s = received / (last receive − first send). */
    record Throughput(
            int qos, long sent, long received, long lost, long duplicates, double seconds, double msgsPerSecond) {}

    static Latency latency(final BrokerUnderTest broker, final int warmup, final int samples, final long intervalMicros)
            throws MqttException, InterruptedException {
        final String topic = "hermes/bench/latency";
        final long[] nanos = new long[samples];
        final AtomicLong received = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        final int total = warmup + samples;
        final MqttAsyncClient sub = client(broker, "sub-latency", new Sink() {
            @Override
            public void messageArrived(final String t, final MqttMessage message) {
                final long now = System.nanoTime();
                final ByteBuffer p = ByteBuffer.wrap(message.getPayload());
                final int seq = p.getInt(4);
                if (seq >= warmup) {
                    nanos[seq - warmup] = now - p.getLong(8);
                }
                if (received.incrementAndGet() == total) {
                    done.countDown();
                }
            }
        });
        sub.subscribe(topic, 1).waitForCompletion(TIMEOUT_MS);
        final MqttAsyncClient pub = client(broker, "pub-latency", new Sink());
        final long interval = TimeUnit.MICROSECONDS.toNanos(intervalMicros);
        final long start = System.nanoTime();
        for (int seq = 0; seq < total; seq++) {
            final long due = start + seq * interval;
            long now;
            while ((now = System.nanoTime()) < due) {
                LockSupport.parkNanos(due - now);
            }
            // The scheduled time, not the actual one: when the broker stalls the publisher (a full
            // in-flight window, a slow socket), the messages due meanwhile go out late, and stamping
            // them at the actual send would hide the stall from every one of them but the first
            // (coordinated omission). A stalled loop sends the overdue messages back to back.
            publish(pub, topic, payload(0, seq, due), 1, null);
        }
        done.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        close(pub);
        close(sub);
        final long[] got = Arrays.stream(nanos).filter(n -> n > 0).sorted().toArray();
        return new Latency(got, samples - got.length);
    }

    static Throughput throughput(
            final BrokerUnderTest broker, final int qos, final int publishers, final int perPublisher)
            throws MqttException, InterruptedException, java.io.IOException {
        final String topic = "hermes/bench/throughput/";
        final BitSet[] seen = new BitSet[publishers];
        for (int i = 0; i < publishers; i++) {
            seen[i] = new BitSet(perPublisher);
        }
        final AtomicLong received = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong lastReceive = new AtomicLong();
        final RawSubscriber sub = RawSubscriber.subscribe(
                BrokerUnderTest.HOST,
                broker.port(),
                BrokerUnderTest.USER + "-bench-sub-throughput",
                BrokerUnderTest.USER,
                broker.password,
                topic + "#",
                qos,
                payload -> {
                    final ByteBuffer p = ByteBuffer.wrap(payload);
                    final int publisher = p.getInt(0);
                    final int seq = p.getInt(4);
                    // one reader thread: no lock needed
                    if (seen[publisher].get(seq)) {
                        duplicates.incrementAndGet();
                        return;
                    }
                    seen[publisher].set(seq);
                    received.incrementAndGet();
                    lastReceive.set(System.nanoTime());
                });

        final List<MqttAsyncClient> clients = new ArrayList<>();
        final List<Semaphore> windows = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            final MqttAsyncClient c = client(broker, "pub-throughput-" + i, new Sink());
            clients.add(c);
            windows.add(new Semaphore(RECEIVE_MAXIMUM.get(c)));
        }
        final CountDownLatch go = new CountDownLatch(1);
        final long[] sent = new long[publishers];
        final List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            final int index = i;
            final Thread t = new Thread(
                    () -> {
                        final MqttAsyncClient c = clients.get(index);
                        final Semaphore window = windows.get(index);
                        final MqttActionListener release = new MqttActionListener() {
                            @Override
                            public void onSuccess(final IMqttToken token) {
                                window.release();
                            }

                            @Override
                            public void onFailure(final IMqttToken token, final Throwable e) {
                                window.release();
                            }
                        };
                        try {
                            go.await();
                            for (int seq = 0; seq < perPublisher; seq++) {
                                // Never more unacknowledged publishes than the broker's receive maximum.
                                window.acquire();
                                if (!publish(c, topic + index, payload(index, seq), qos, release)) {
                                    window.release();
                                    break;
                                }
                                sent[index]++;
                            }
                            // Wait for the last acknowledgements (QoS 1) or writes (QoS 0).
                            window.tryAcquire(RECEIVE_MAXIMUM.get(c), TIMEOUT_MS, TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "bench-publisher-" + index);
            t.start();
            threads.add(t);
        }
        final long firstSend = System.nanoTime();
        go.countDown();
        for (final Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(3));
        }
        final long sentTotal = Arrays.stream(sent).sum();
        // Drain: until everything sent arrived, or nothing arrived for 3 s (then the rest is lost).
        long last = -1;
        long quietSince = System.nanoTime();
        while (received.get() < sentTotal && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
            if (received.get() != last) {
                last = received.get();
                quietSince = System.nanoTime();
            }
            Thread.sleep(20);
        }
        for (final MqttAsyncClient c : clients) {
            close(c);
        }
        sub.close();
        final long got = received.get();
        final double seconds = (lastReceive.get() - firstSend) / 1e9;
        return new Throughput(qos, sentTotal, got, sentTotal - got, duplicates.get(), seconds, got / seconds);
    }

    /** 256 bytes: publisher index, sequence number, send time (System.nanoTime), zero padding. */
    private static byte[] payload(final int publisher, final int seq) {
        return payload(publisher, seq, System.nanoTime());
    }

    private static byte[] payload(final int publisher, final int seq, final long sendNanos) {
        return ByteBuffer.allocate(PAYLOAD)
                .putInt(publisher)
                .putInt(seq)
                .putLong(sendNanos)
                .array();
    }

    /** Publishes, retrying while Paho's own in-flight window is full; false if the client failed. */
    private static boolean publish(
            final MqttAsyncClient c,
            final String topic,
            final byte[] payload,
            final int qos,
            final MqttActionListener listener) {
        final MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        while (true) {
            try {
                c.publish(topic, m, null, listener);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || !c.isConnected()) {
                    System.err.println("publish failed: " + e);
                    return false;
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    private static MqttAsyncClient client(final BrokerUnderTest broker, final String id, final MqttCallback callback)
            throws MqttException {
        final MqttAsyncClient c =
                new MqttAsyncClient(broker.uri(), BrokerUnderTest.USER + "-bench-" + id, new MemoryPersistence());
        c.setCallback(callback);
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(BrokerUnderTest.USER);
        o.setPassword(broker.password.getBytes());
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        o.setAutomaticReconnect(false);
        o.setReceiveMaximum(65_535);
        o.setSocketFactory(NO_DELAY);
        final IMqttToken token = c.connect(o);
        token.waitForCompletion(TIMEOUT_MS);
        final MqttProperties props = token.getResponseProperties();
        final Integer max = props == null ? null : props.getReceiveMaximum();
        RECEIVE_MAXIMUM.put(c, max == null ? 65_535 : max);
        return c;
    }

    /** The broker's receive maximum from each client's CONNACK. */
    private static final java.util.Map<MqttAsyncClient, Integer> RECEIVE_MAXIMUM =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static void close(final MqttAsyncClient c) {
        try {
            c.disconnect(TIMEOUT_MS).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            // already gone
        }
        RECEIVE_MAXIMUM.remove(c);
        try {
            c.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    /**
     * Paho leaves Nagle's algorithm on. A paced QoS 1 publisher then holds each PUBLISH until the
     * broker's TCP ACK, which Linux delays up to 40 ms when the PUBACK is not back within the pacing
     * interval: that measures the client's socket, not the broker. Both brokers get the same clients.
     */
    private static final javax.net.SocketFactory NO_DELAY = new javax.net.SocketFactory() {
        @Override
        public java.net.Socket createSocket() throws java.io.IOException {
            final java.net.Socket s = new java.net.Socket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public java.net.Socket createSocket(final String host, final int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(
                final String host, final int port, final java.net.InetAddress local, final int localPort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(final java.net.InetAddress host, final int port) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.net.Socket createSocket(
                final java.net.InetAddress host,
                final int port,
                final java.net.InetAddress local,
                final int localPort) {
            throw new UnsupportedOperationException();
        }
    };

    /** Ignores everything; subclasses override what they count. */
    private static class Sink implements MqttCallback {
        @Override
        public void disconnected(final MqttDisconnectResponse r) {}

        @Override
        public void mqttErrorOccurred(final MqttException e) {
            System.err.println("MQTT error: " + e);
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {}

        @Override
        public void deliveryComplete(final IMqttToken token) {}

        @Override
        public void connectComplete(final boolean reconnect, final String serverURI) {}

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {}
    }
}
