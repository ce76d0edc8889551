package dev.chorus.asr.decode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code decoders} threads, each owning one loaded {@link SphinxRecognizer} (Sphinx4 is not thread-safe, and one
 * loaded model costs about 83 MB of heap, see docs/performance.md), taking jobs from one bounded queue. A job
 * decodes one session while it is recorded, so a decoder is busy for the session's whole length. The models load
 * in the background at start; jobs submitted meanwhile wait in the queue.
 */
public final class DecoderPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecoderPool.class);

    /** Work for a decoder; runs on the decoder's thread with its recogniser. */
    public interface Job {
        void run(SphinxRecognizer recognizer);

        /** The recogniser could not be loaded: the job is dropped. */
        void failed(Exception cause);
    }

    private final BlockingQueue<Job> queue;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch loaded;
    private volatile Exception loadFailure;
    private volatile boolean closed;
    private final Rejection rejection;

    public DecoderPool(int decoders, int queueSize, Path grammarDir) {
        this(decoders, queueSize, grammarDir, Rejection.NONE);
    }

    /** @param rejection how each recogniser rejects speech the commands do not cover (see {@link SphinxRecognizer}) */
    public DecoderPool(int decoders, int queueSize, Path grammarDir, Rejection rejection) {
        this.rejection = rejection;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.loaded = new CountDownLatch(decoders);
        for (int i = 0; i < decoders; i++) {
            Path own = grammarDir.resolve("decoder-" + i);
            Thread thread = new Thread(() -> serve(own), "asr-decoder-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Queues a job; false when the queue is full (or the pool closed). */
    public boolean submit(Job job) {
        return !closed && queue.offer(job);
    }

    /** Waits until every decoder has loaded its model (for tests and benchmarks). */
    public boolean awaitLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        return loaded.await(timeout, unit);
    }

    /** Utterances waiting (not those decoding). */
    public int waiting() {
        return queue.size();
    }

    @Override
    public void close() {
        closed = true;
        threads.forEach(Thread::interrupt);
    }

    private void serve(Path grammarDir) {
        SphinxRecognizer recognizer;
        long started = System.nanoTime();
        try {
            recognizer = SphinxRecognizer.load(grammarDir, rejection);
            LOG.info(
                    "{}: model loaded in {} ms",
                    Thread.currentThread().getName(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            LOG.error("cannot load the Sphinx4 model", e);
            loadFailure = e;
            loaded.countDown();
            failAll(e);
            return;
        }
        loaded.countDown();
        while (!closed) {
            Job job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                job.run(recognizer);
            } catch (RuntimeException e) {
                LOG.error("decoder job failed", e);
            }
        }
    }

    private void failAll(Exception cause) {
        while (!closed) {
            try {
                queue.take().failed(cause);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Why loading failed, or null. */
    public Exception loadFailure() {
        return loadFailure;
    }
}
