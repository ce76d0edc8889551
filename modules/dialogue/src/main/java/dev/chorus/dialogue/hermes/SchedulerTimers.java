package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.Timers;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** {@link Timers} on one scheduler thread; each action runs through {@code runner} (the dialogue's lock). */
final class SchedulerTimers implements Timers, AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dialogue-timers");
        t.setDaemon(true);
        return t;
    });
    private final Consumer<Runnable> runner;

    SchedulerTimers(Consumer<Runnable> runner) {
        this.runner = runner;
    }

    @Override
    public Timer start(Duration delay, Runnable action) {
        ScheduledFuture<?> f = scheduler.schedule(() -> runner.accept(action), delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
