package dev.chorus.audio;

import dev.chorus.audio.hermes.Replies;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.runtime.journal.Journal;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The play queues: one per site, bounded, played one request at a time in arrival order; sites play at the
 * same time. {@link #submit} never blocks, so the MQTT dispatch (one thread for all playBytes) stays free.
 *
 * <p>A request's turn: if the site is toggled off, nothing is played; else the WAV is parsed, scaled by the
 * site's volume (times the WAV's own INFO volume) and handed to the {@link AudioSink} on a worker thread. Its
 * {@code playFinished} is then published no earlier than start + the audio's duration (a timer, not a
 * sleeping thread), and only then does the site's next request start. Every request gets exactly one
 * {@code playFinished}: after playing, after an error (published first), when skipped, refused, or still
 * queued at shutdown.
 *
 * <p>Memory is bounded by {@code CHORUS_AUDIO_QUEUE_SIZE} requests waiting per site and
 * {@code CHORUS_AUDIO_QUEUE_BYTES} of payload held over all sites; beyond either a request is refused at once.
 */
@Singleton
public class Player implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Player.class);

    /**
     * One playBytes message. {@code released}: its bytes are no longer held and its site has moved on (set once,
     * by the end of its playback or by {@link #stop}, whichever comes first).
     */
    record Request(
            String topic,
            String siteId,
            String requestId,
            byte[] wav,
            Journal.Entry entry,
            AtomicBoolean finished,
            AtomicBoolean released) {

        Request(String topic, String siteId, String requestId, byte[] wav, Journal.Entry entry) {
            this(topic, siteId, requestId, wav, entry, new AtomicBoolean(), new AtomicBoolean());
        }
    }

    private static final class Site {
        final String id;
        final ArrayDeque<Request> waiting = new ArrayDeque<>();
        Request playing;
        /** The worker playing {@link #playing}, interrupted by {@link #stop}. */
        Future<?> worker;

        Site(String id) {
            this.id = id;
        }
    }

    private final AudioSettings settings;
    private final AudioSink sink;
    private final SiteControls controls;
    private final Replies replies;
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(threads("audio-play"));
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(threads("audio-pacer"));

    // guarded by this
    private final Map<String, Site> sites = new HashMap<>();
    private long heldBytes;
    private boolean closed;
    /** Set when closing starts: a playback cut short by it is not reported as an error. */
    private volatile boolean stopping;

    public Player(AudioSettings settings, AudioSink sink, SiteControls controls, Replies replies) {
        this(settings, sink, controls, replies, Clock.systemUTC());
    }

    Player(AudioSettings settings, AudioSink sink, SiteControls controls, Replies replies, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.controls = controls;
        this.replies = replies;
        this.clock = clock;
    }

    /** Queues a playBytes request; a refusal (full queue, shutting down) is answered at once. */
    public void submit(String topic, String siteId, String requestId, byte[] wav) {
        submit(topic, siteId, requestId, wav, null);
    }

    /**
     * Queues a journaled playBytes request: its journal entry is removed once its playFinished is on the
     * broker (a crash before that plays it again at the next start).
     */
    public void submit(String topic, String siteId, String requestId, byte[] wav, Journal.Entry entry) {
        Request r = new Request(topic, siteId, requestId, wav, entry);
        String refusal = null;
        synchronized (this) {
            Site site = sites.get(siteId);
            int waiting = site == null ? 0 : site.waiting.size();
            if (closed) {
                refusal = "audio server is shutting down";
            } else if (waiting >= settings.queueSize()) {
                refusal = "queue of site " + siteId + " is full: " + waiting + " requests waiting"
                        + " (CHORUS_AUDIO_QUEUE_SIZE=" + settings.queueSize() + ")";
            } else if (heldBytes + wav.length > settings.queueBytes()) {
                refusal = "audio queue is full: " + heldBytes + " bytes held, this request has " + wav.length
                        + " (CHORUS_AUDIO_QUEUE_BYTES=" + settings.queueBytes() + ")";
            } else {
                if (site == null) {
                    site = new Site(siteId);
                    sites.put(siteId, site);
                }
                site.waiting.addLast(r);
                heldBytes += wav.length;
                if (site.playing == null) {
                    startNext(site);
                }
            }
        }
        if (refusal != null) {
            replies.error(topic, wav, siteId, requestId, refusal);
            finish(r);
        }
    }

    /** Requests waiting or playing for a site. */
    public synchronized int pending(String siteId) {
        Site site = sites.get(siteId);
        return site == null ? 0 : site.waiting.size() + (site.playing == null ? 0 : 1);
    }

    public synchronized long heldBytes() {
        return heldBytes;
    }

    // guarded by this
    private void startNext(Site site) {
        Request next = site.waiting.pollFirst();
        site.playing = next;
        if (next == null) {
            sites.remove(site.id);
            return;
        }
        try {
            site.worker = workers.submit(() -> play(site, next));
        } catch (RejectedExecutionException e) {
            site.playing = null; // closing: close() answers what is left
        }
    }

    private void play(Site site, Request r) {
        long start = System.nanoTime();
        long duration = 0;
        try {
            duration = playNow(r);
        } finally {
            // also after an Error: the site must move on and the request must get its playFinished
            long remaining = start + duration - System.nanoTime();
            if (remaining <= 0) {
                done(site, r);
            } else {
                try {
                    pacer.schedule(() -> done(site, r), remaining, TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    done(site, r); // closing
                }
            }
        }
    }

    /** Plays one request; returns how long its audio is (0 when nothing was played). */
    private long playNow(Request r) {
        try {
            if (!controls.isOn(r.siteId())) {
                LOG.debug("{} on site {}: output is toggled off, not played", r.requestId(), r.siteId());
                return 0;
            }
            Wav.Audio audio = Wav.parse(r.wav());
            long duration = audio.durationNanos();
            if (duration > settings.maxDuration().toNanos()) {
                throw new InvalidAudioException("too long: " + millis(duration) + " ms, limit "
                        + settings.maxDuration().toSeconds() + " s (CHORUS_AUDIO_MAX_DURATION)");
            }
            double volume = controls.volume(r.siteId()) * (audio.infoVolume() == null ? 1.0 : audio.infoVolume());
            byte[] samples = Samples.scale(audio.format(), audio.samples(), volume);
            sink.play(new AudioSink.Playback(r.siteId(), r.requestId(), clock.instant(), audio.format(), samples));
            LOG.debug(
                    "{} on site {}: {} ms of {} at volume {}",
                    r.requestId(),
                    r.siteId(),
                    millis(duration),
                    audio.format(),
                    volume);
            return duration;
        } catch (InvalidAudioException e) {
            replies.error(r.topic(), r.wav(), r.siteId(), r.requestId(), "invalid audio: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.debug("{} on site {}: playback stopped", r.requestId(), r.siteId());
        } catch (Exception e) {
            if (stopping || r.released().get()) {
                LOG.debug("{} on site {}: playback stopped by shutdown: {}", r.requestId(), r.siteId(), e.toString());
            } else {
                replies.error(r.topic(), r.wav(), r.siteId(), r.requestId(), "cannot play: " + describe(e));
            }
        }
        return 0;
    }

    /**
     * {@code chorus/audioServer/{siteId}/stop}: the site's current playback is cut short and its waiting requests
     * are dropped; each gets its playFinished now. Requests that arrive afterwards play as usual.
     */
    public void stop(String siteId) {
        List<Request> dropped;
        Request current;
        Site site;
        synchronized (this) {
            site = sites.get(siteId);
            if (site == null) {
                return;
            }
            dropped = new ArrayList<>(site.waiting);
            site.waiting.clear();
            for (Request r : dropped) {
                r.released().set(true);
                heldBytes -= r.wav().length;
            }
            current = site.playing;
            if (current != null && site.worker != null) {
                site.worker.cancel(true); // a device stops writing; the folder sink has written already
            }
        }
        if (current != null) {
            done(site, current);
        }
        dropped.forEach(this::finish);
        LOG.info("site {} stopped: {} playing, {} waiting dropped", siteId, current == null ? 0 : 1, dropped.size());
    }

    private void done(Site site, Request r) {
        finish(r);
        synchronized (this) {
            if (!r.released().compareAndSet(false, true)) {
                return; // stop() got there first
            }
            heldBytes -= r.wav().length;
            if (site.playing == r) {
                site.playing = null;
                if (!closed) {
                    startNext(site);
                }
            }
        }
    }

    private void finish(Request r) {
        if (r.finished().compareAndSet(false, true)) {
            CompletableFuture<Void> sent = replies.playFinished(r.siteId(), r.requestId());
            if (r.entry() != null) {
                sent.thenRun(r.entry()::complete);
            }
        }
    }

    /** Stops playing; every request not finished yet still gets its playFinished. */
    @PreDestroy
    @Override
    public void close() {
        stopping = true;
        List<Request> left = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Site site : sites.values()) {
                if (site.playing != null) {
                    left.add(site.playing);
                }
                left.addAll(site.waiting);
                site.waiting.clear();
            }
            sites.clear();
            heldBytes = 0;
        }
        pacer.shutdownNow();
        workers.shutdownNow();
        sink.close();
        left.forEach(this::finish);
        if (!left.isEmpty()) {
            LOG.info("stopped with {} requests unplayed; sent their playFinished", left.size());
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return (msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg.strip())
                .replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
