package dev.chorus.runtime.mqtt.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ack of the message a handler thread is handling: the dispatch sets it around each handler call and
 * releases it when the handler returns; {@link #release()} lets the handler release it earlier, once the
 * message is durably recorded ({@link dev.chorus.runtime.journal.Journal}), so a long request does not hold
 * back the acks of the messages behind it.
 */
public final class CurrentAck {

    private static final ThreadLocal<Runnable> CURRENT = new ThreadLocal<>();

    private CurrentAck() {}

    /**
     * Releases the ack of the message the calling handler is handling, before the handler returns.
     *
     * @return false when the caller is not a message handler (nothing to release)
     */
    public static boolean release() {
        Runnable release = CURRENT.get();
        if (release == null) {
            return false;
        }
        release.run();
        return true;
    }

    /** Runs a handler with its share of the message's ack, released at the latest when it returns. */
    static void run(Runnable share, Runnable handler) {
        CURRENT.set(share);
        try {
            handler.run();
        } finally {
            CURRENT.remove();
            share.run();
        }
    }

    /**
     * Splits a message's ack among the handlers it goes to: it is released when every share was released
     * (each share counts once). With no handler it is released at once.
     */
    static Runnable[] shares(Runnable ack, int handlers) {
        if (handlers == 0) {
            ack.run();
            return new Runnable[0];
        }
        AtomicInteger left = new AtomicInteger(handlers);
        Runnable[] shares = new Runnable[handlers];
        for (int i = 0; i < handlers; i++) {
            AtomicBoolean done = new AtomicBoolean();
            shares[i] = () -> {
                if (done.compareAndSet(false, true) && left.decrementAndGet() == 0) {
                    ack.run();
                }
            };
        }
        return shares;
    }
}
