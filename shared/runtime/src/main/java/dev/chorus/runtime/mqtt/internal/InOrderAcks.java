package dev.chorus.runtime.mqtt.internal;

import java.util.ArrayDeque;

/**
 * The PUBACKs of one connection, released in arrival order: MQTT 5 (4.6) requires a client to acknowledge
 * QoS 1 messages in the order it received them, while our handlers finish in any order. A message's ack
 * is ready when its handlers finished or durably recorded it ({@link Pending#release()}); it goes out once
 * every earlier message's ack went out. A lost connection ({@link #reset}) drops what is pending: the broker
 * sends those messages again on the next connect, and an ack of the old connection must not meet a new
 * message that reuses its packet id.
 */
public final class InOrderAcks {

    /** Sends one PUBACK (Paho's {@code messageArrivedComplete(id, qos)}); must not block: it queues. */
    public interface Sender {
        void send(int epoch, int messageId, int qos);
    }

    /** One received message whose ack waits for its handlers. */
    public final class Pending {
        private final int epoch;
        private final int messageId;
        private final int qos;
        private boolean ready;

        private Pending(int epoch, int messageId, int qos) {
            this.epoch = epoch;
            this.messageId = messageId;
            this.qos = qos;
        }

        /** The message is handled or recorded: its ack may go (once the earlier ones went). Idempotent. */
        public void release() {
            InOrderAcks.this.release(this);
        }
    }

    private final Sender sender;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int epoch;

    public InOrderAcks(Sender sender) {
        this.sender = sender;
    }

    /** A message arrived (QoS 1 or 2); its ack waits for {@link Pending#release()}. */
    public synchronized Pending arrived(int messageId, int qos) {
        Pending p = new Pending(epoch, messageId, qos);
        queue.addLast(p);
        return p;
    }

    /** The connection is gone: pending acks are dropped (the broker redelivers those messages). */
    public synchronized void reset() {
        epoch++;
        queue.clear();
    }

    /** Whether acks of {@code epoch} still belong to the current connection. */
    public synchronized boolean current(int epoch) {
        return this.epoch == epoch;
    }

    /** Messages whose ack has not gone out yet. */
    public synchronized int waiting() {
        return queue.size();
    }

    // under the lock, so that two releasing threads cannot swap their acks; the sender only queues
    private synchronized void release(Pending p) {
        if (p.ready || p.epoch != epoch) {
            return;
        }
        p.ready = true;
        while (!queue.isEmpty() && queue.peekFirst().ready) {
            Pending ready = queue.pollFirst();
            sender.send(ready.epoch, ready.messageId, ready.qos);
        }
    }
}
