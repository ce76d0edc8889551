package dev.chorus.dialogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link Timers} on a hand-driven clock: nothing runs until {@link #advance} passes a timer's due time. */
final class FakeTimers implements Timers {

    private final class Entry implements Timer {
        final long due;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Entry(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long now;
    private long seq;

    @Override
    public Timer start(Duration delay, Runnable action) {
        Entry e = new Entry(now + delay.toMillis(), seq++, action);
        entries.add(e);
        return e;
    }

    /** Moves the clock on, running every timer that falls due on the way, in due order. */
    void advance(Duration by) {
        long end = now + by.toMillis();
        while (true) {
            Entry next = entries.stream()
                    .filter(e -> !e.cancelled && e.due <= end)
                    .min(Comparator.<Entry>comparingLong(e -> e.due).thenComparingLong(e -> e.seq))
                    .orElse(null);
            if (next == null) {
                break;
            }
            entries.remove(next);
            now = Math.max(now, next.due);
            next.action.run();
        }
        now = end;
    }

    /** Timers started and neither run nor cancelled. */
    long pending() {
        return entries.stream().filter(e -> !e.cancelled).count();
    }
}
