package dev.chorus.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Reconnect delays: 1 s, 2 s, 4 s ... up to a maximum, with a little jitter so a restarted stack does not reconnect in lockstep. */
public final class Backoff {

    private static final long FIRST_MILLIS = 1000;

    private final long maxMillis;
    private long nextMillis = FIRST_MILLIS;

    public Backoff(Duration max) {
        this.maxMillis = Math.max(FIRST_MILLIS, max.toMillis());
    }

    public long nextDelayMillis() {
        long base = Math.min(nextMillis, maxMillis);
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        long jitter = base / 5;
        return base - jitter + ThreadLocalRandom.current().nextLong(jitter + 1);
    }

    public void reset() {
        nextMillis = FIRST_MILLIS;
    }
}
