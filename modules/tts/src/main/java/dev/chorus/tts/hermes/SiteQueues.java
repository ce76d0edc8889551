package dev.chorus.tts.hermes;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in order per site, sites side by side. Each site with work has one thread that speaks
 * its says one after another (a say is over when its sayFinished is out); different sites run
 * at the same time and share the engine's {@code CHORUS_TTS_WORKERS} MaryTTS workers, so a
 * site waiting for playFinished holds no worker.
 *
 * <p>Bounded: at most {@code CHORUS_TTS_QUEUE} says are accepted and not finished, all sites
 * together; {@link #offer} refuses the next one. Threads are at most that many too. A say that
 * waits for its site has its first sentence synthesized while it waits (published only in turn).
 */
@Singleton
class SiteQueues {

    private static final Logger LOG = LoggerFactory.getLogger(SiteQueues.class);

    private final Speaker speaker;
    private final TtsReplies replies;
    private final SiteStops stops;
    private final PlaybackTracker tracker;
    private final int capacity;
    private final ExecutorService threads;
    /** Says waiting behind the one being spoken, per site; a site is a key while it has a thread. */
    private final Map<String, ArrayDeque<SayJob>> sites = new HashMap<>();

    private int accepted;
    private boolean closed;

    SiteQueues(
            final Speaker speaker,
            final TtsReplies replies,
            final SiteStops stops,
            final PlaybackTracker tracker,
            final SayServiceSettings settings) {
        this.speaker = speaker;
        this.replies = replies;
        this.stops = stops;
        this.tracker = tracker;
        this.capacity = settings.queue();
        final AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            final Thread t = new Thread(r, "tts-site-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return false when the queue is full (or the module is stopping): the caller refuses the say */
    boolean offer(final SayJob job) {
        return offerAll(List.of(job));
    }

    /**
     * The says of one request on several sites (each on its own site), all or none: a say on three sites with
     * room for two is refused whole, so that its sites never say different things.
     *
     * @return false when the queue has no room for all of them (or the module is stopping)
     */
    boolean offerAll(final List<SayJob> jobs) {
        final List<SayJob> waiting = new ArrayList<>();
        final List<SayJob> starting = new ArrayList<>();
        synchronized (this) {
            if (closed || accepted + jobs.size() > capacity) {
                return false;
            }
            accepted += jobs.size();
            for (final SayJob job : jobs) {
                final ArrayDeque<SayJob> queue = sites.get(job.siteId());
                if (queue != null) {
                    queue.add(job);
                    waiting.add(job);
                } else {
                    sites.put(job.siteId(), new ArrayDeque<>());
                    starting.add(job);
                }
            }
        }
        waiting.forEach(SiteQueues::prefetch);
        for (final SayJob job : starting) {
            threads.execute(() -> run(job));
        }
        return true;
    }

    /**
     * A say that has to wait for its site gets its first sentence synthesized meanwhile, so it
     * can start the moment the previous say is finished (its audio is only published then).
     * At most {@code CHORUS_TTS_QUEUE} such sentences are held.
     */
    private static void prefetch(final SayJob job) {
        try {
            if (job.from().sentence() < job.utterance().size()) {
                job.utterance().start(job.from().sentence());
            }
        } catch (RuntimeException e) {
            LOG.debug("cannot start say {} early: {}", job.id(), e.toString()); // the speaker reports it in turn
        }
    }

    /** Says accepted and not finished. */
    synchronized int size() {
        return accepted;
    }

    int capacity() {
        return capacity;
    }

    private void run(final SayJob first) {
        SayJob job = first;
        while (job != null) {
            try {
                speaker.speak(job);
            } catch (RuntimeException | Error e) {
                LOG.error("say {} on {} failed", job.id(), job.siteId(), e);
            }
            synchronized (this) {
                accepted--;
                final ArrayDeque<SayJob> queue = sites.get(job.siteId());
                job = queue == null ? null : queue.poll();
                if (job == null) {
                    sites.remove(first.siteId());
                }
            }
        }
    }

    /**
     * {@code chorus/audioServer/{siteId}/stop}: the site's say being spoken sends no further sentence and ends at
     * once, its waiting says are dropped; each still gets its sayFinished. Says accepted afterwards are spoken.
     */
    void stop(final String siteId) {
        final List<SayJob> dropped;
        synchronized (this) {
            stops.stop(siteId);
            final ArrayDeque<SayJob> queue = sites.get(siteId);
            dropped = queue == null ? List.of() : new ArrayList<>(queue);
            if (queue != null) {
                accepted -= queue.size();
                queue.clear();
            }
        }
        tracker.cancelSite(siteId); // wakes the speaking say if it waits for a playFinished
        for (final SayJob job : dropped) {
            job.finished(replies.sayFinished(job.siteId(), job.id(), job.sessionId()));
        }
        LOG.info("site {} stopped; {} waiting says dropped", siteId, dropped.size());
    }

    /**
     * Stops: waiting says are refused (error + sayFinished), the ones being spoken are
     * interrupted and end with their sayFinished.
     */
    @PreDestroy
    void close() {
        final List<SayJob> dropped = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (final ArrayDeque<SayJob> queue : sites.values()) {
                dropped.addAll(queue);
                accepted -= queue.size();
                queue.clear();
            }
        }
        for (final SayJob job : dropped) {
            replies.error(
                    dev.chorus.protocol.Topics.TTS_SAY,
                    job.payload(),
                    job.siteId(),
                    job.id(),
                    job.sessionId(),
                    "shutting-down: the tts module stopped before this say's turn");
            job.finished(replies.sayFinished(job.siteId(), job.id(), job.sessionId()));
        }
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("some says did not end within 5 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
