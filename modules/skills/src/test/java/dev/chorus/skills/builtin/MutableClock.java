package dev.chorus.skills.builtin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests set and move; shared by the contexts of one test (the module restarts, the time goes on). */
public final class MutableClock extends Clock {

    public static final MutableClock INSTANCE = new MutableClock(ZoneId.of("Europe/London"));

    private final ZoneId zone;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T15:10:00Z"));

    private MutableClock(ZoneId zone) {
        this.zone = zone;
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
