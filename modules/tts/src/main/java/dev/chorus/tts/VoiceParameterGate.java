package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets syntheses on one MaryTTS voice overlap only when they need the same voice parameters.
 * <p>
 * MaryTTS 5.2.1 applies the Rate, F0Add and F0Scale effects by writing them into the voice
 * object that every request shares ({@code Synthesis.synthesizeOneSection} →
 * {@code EffectsApplier.setHMMEffectParameters} → {@code HMMVoice.setDurationScale}); a
 * request without those effects resets them. Two overlapping requests with different values
 * would use each other's rate or pitch. So: any number of holders with the same key at once;
 * a holder with another key waits until they are done; and once someone waits, newcomers with
 * the current key queue behind it, so no key starves.
 */
final class VoiceParameterGate {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private String currentKey = "";
    private int holders;
    private int waiting;
    /** Counts the times the gate emptied; a waiter may join a running key only after one. */
    private long generation;

    /** Waits until a synthesis with {@code key} may run; pair with {@link #leave()}. */
    void enter(@NonNull final String key, final long timeoutNanos) throws InterruptedException, TimeoutException {
        lock.lock();
        try {
            if (holders == 0 || (key.equals(currentKey) && waiting == 0)) {
                currentKey = key;
                holders++;
                return;
            }
            waiting++;
            final long arrival = generation;
            try {
                long left = timeoutNanos;
                while (holders > 0 && !(key.equals(currentKey) && generation != arrival)) {
                    if (left <= 0) {
                        throw new TimeoutException("voice busy with other speech parameters for "
                                + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
                    }
                    left = changed.awaitNanos(left);
                }
                currentKey = key;
                holders++;
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Callers blocked in {@link #enter} right now (for tests: a waiter is known to be queued, not just started). */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            holders--;
            if (holders == 0) {
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
