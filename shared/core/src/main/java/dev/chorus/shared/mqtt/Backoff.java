package dev.chorus.shared.mqtt;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Reconnect delays: 1 s, 2 s, 4 s ... up to a maximum, with a little jitter so a restarted stack does not reconnect in lockstep. */
final class Backoff {

    private static final long FIRST_MILLIS = 1000;

    private final long maxMillis;
    private long nextMillis = FIRST_MILLIS;

    Backoff(Duration max) {
        this.maxMillis = Math.max(FIRST_MILLIS, max.toMillis());
    }

    long nextDelayMillis() {
        long base = Math.min(nextMillis, maxMillis);
        nextMillis = Math.min(nextMillis * 2, maxMillis);
        long jitter = base / 5;
        return base - jitter + ThreadLocalRandom.current().nextLong(jitter + 1);
    }

    void reset() {
        nextMillis = FIRST_MILLIS;
    }
}
