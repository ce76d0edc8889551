package dev.chorus.runtime.mqtt.internal;

import dev.chorus.client.OutgoingMessage;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes waiting for the connection or for a free in-flight slot. Paho does not queue beyond the
 * broker's receive maximum (it throws "too many publishes in progress"), and its own offline buffer only
 * works with its automatic reconnect, which we do not use. Bounded: when full, new publishes fail at once.
 */
final class Outbox {

    static final class Item {
        final OutgoingMessage message;
        final CompletableFuture<Void> done;
        private final AtomicBoolean settled = new AtomicBoolean();

        Item(OutgoingMessage message, CompletableFuture<Void> done) {
            this.message = message;
            this.done = done;
        }

        /** True only the first time: Paho may report a delivery token more than once across a reconnect. */
        boolean settle() {
            return settled.compareAndSet(false, true);
        }
    }

    private final int capacity;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();

    Outbox(int capacity) {
        this.capacity = capacity;
    }

    synchronized boolean offer(Item item) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(item);
        return true;
    }

    /** Ahead of everything else, capacity or not (status messages, retries). */
    synchronized void pushFront(Item item) {
        queue.addFirst(item);
    }

    synchronized Item poll() {
        return queue.pollFirst();
    }

    synchronized int size() {
        return queue.size();
    }

    int capacity() {
        return capacity;
    }
}
