package dev.chorus.dialogue;

import java.time.Duration;

/** Where the dialogue's timeouts come from: a scheduler in the module, a hand-driven clock in tests. */
public interface Timers {

    /** Runs {@code action} once after {@code delay}, unless cancelled first. */
    Timer start(Duration delay, Runnable action);

    /** A started timer. */
    interface Timer {
        /** Harmless when the timer already ran or was cancelled. */
        void cancel();
    }
}
