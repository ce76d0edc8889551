package dev.chorus.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: 0.25 s, 0.5 s, 1 s, 2 s ... up to a maximum, with a little jitter so a restarted stack does not
 * reconnect in lockstep. The first ones are short because Compose starts the modules together with the broker
 * (docker-compose.yml): a module that is ready before the broker should not wait a whole second after it.
 */
public final class Backoff {

    private static final long FIRST_MILLIS = 250;

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
