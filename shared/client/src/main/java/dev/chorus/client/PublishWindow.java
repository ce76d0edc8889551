package dev.chorus.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes waiting for a free in-flight slot, sent in submission order. Paho v5 does not queue beyond
 * the broker's receive maximum: it throws 32202 ("too many publishes in progress"). So we keep our own
 * count below that and, if Paho still says the window is full (its count drops a little after our
 * PUBACK callback runs), keep the message at the head and try again on the next completion, or after a
 * short delay when nothing of ours is in flight.
 *
 * <p>Not thread-safe: the owner calls it from one serial executor only.
 *
 * @param <T> a publish and whatever settles it
 */
final class PublishWindow<T> {

    /** What the sender did with a message. */
    enum Outcome {
        /** Handed to Paho; {@link #completed()} follows once it is acknowledged or failed. */
        SENT,
        /** Paho's window is full (32202): keep it and try again later. */
        WINDOW_FULL,
        /** Settled at once (e.g. not connected): takes no slot. */
        SETTLED
    }

    interface Sender<T> {
        Outcome send(T item);
    }

    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private final Sender<T> sender;
    private final Runnable retryLater;
    private int limit;
    private int inFlight;

    /**
     * @param retryLater asked to call {@link #drain()} again soon, when Paho refused a message and no
     *                   completion of ours will come to trigger it
     */
    PublishWindow(final int limit, final Sender<T> sender, final Runnable retryLater) {
        this.limit = Math.max(1, limit);
        this.sender = sender;
        this.retryLater = retryLater;
    }

    void limit(final int limit) {
        this.limit = Math.max(1, limit);
    }

    void submit(final T item) {
        waiting.addLast(item);
        drain();
    }

    /** One message sent earlier was acknowledged or failed. */
    void completed() {
        inFlight = Math.max(0, inFlight - 1);
        drain();
    }

    void drain() {
        while (inFlight < limit && !waiting.isEmpty()) {
            final T next = waiting.peekFirst();
            final Outcome outcome = sender.send(next);
            if (outcome == Outcome.WINDOW_FULL) {
                if (inFlight == 0) {
                    retryLater.run();
                }
                return;
            }
            waiting.pollFirst();
            if (outcome == Outcome.SENT) {
                inFlight++;
            }
        }
    }

    /** Removes and returns everything not sent yet (closing). */
    List<T> takeWaiting() {
        final List<T> all = new ArrayList<>(waiting);
        waiting.clear();
        return all;
    }

    int inFlight() {
        return inFlight;
    }

    int waiting() {
        return waiting.size();
    }
}
