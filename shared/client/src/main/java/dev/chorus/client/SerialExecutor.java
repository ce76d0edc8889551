package dev.chorus.client;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs tasks one after another, in submission order, on a shared pool: per-listener ordering without a
 * thread per listener. A task that throws is reported to the logger and the next one runs.
 */
public final class SerialExecutor implements Executor {

    private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    public SerialExecutor(final Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(final Runnable task) {
        synchronized (this) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /** Tasks waiting behind the one running (a queue-depth gauge). */
    public synchronized int queued() {
        return tasks.size();
    }

    /** Nothing queued and nothing running. */
    public synchronized boolean idle() {
        return !running && tasks.isEmpty();
    }

    private void drain() {
        while (true) {
            final Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "task failed: " + t, t);
            }
        }
    }
}
