package dev.chorus.wake;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.wake.engine.Detection;
import dev.chorus.wake.engine.OpenWakeWord;
import dev.chorus.wake.engine.WakePipeline;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audio of every site through its own {@link WakePipeline}, off the MQTT threads: frames wait in a bounded
 * queue per site (the oldest are dropped, and counted in the log, when the engine falls behind) and a pool of one
 * thread per core runs the sites in parallel, each site's frames in order.
 */
@Singleton
public class SiteStreams {

    private static final Logger LOG = LoggerFactory.getLogger(SiteStreams.class);

    private final WakeEngine engine;
    private final WakeSettings settings;
    private final Listening listening;
    private final ChorusMqtt mqtt;
    private final int maxQueuedSamples;
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final ExecutorService pool;

    public SiteStreams(WakeEngine engine, WakeSettings settings, Listening listening, ChorusMqtt mqtt) {
        this.engine = engine;
        this.settings = settings;
        this.listening = listening;
        this.mqtt = mqtt;
        this.maxQueuedSamples = (int) (settings.queue().toMillis() * OpenWakeWord.SAMPLE_RATE / 1000);
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "wake-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues 16 kHz mono samples of {@code siteId}; returns at once. */
    public void offer(String siteId, float[] samples) {
        OpenWakeWord words = engine.engine().orElse(null);
        if (words == null) {
            return;
        }
        Site site = sites.computeIfAbsent(
                siteId,
                id -> new Site(id, words.pipeline(settings.threshold(), (int)
                        (settings.refractory().toMillis() * OpenWakeWord.SAMPLE_RATE / 1000))));
        if (site.offer(samples)) {
            try {
                pool.execute(site::drain);
            } catch (RejectedExecutionException e) {
                LOG.debug("site {}: frame after shutdown", siteId);
            }
        }
    }

    /** Forgets the site's audio so far (it was toggled off: what came before must not complete a wake word). */
    public void reset(String siteId) {
        Site site = sites.get(siteId);
        if (site != null) {
            site.resetRequested = true;
        }
    }

    /** Stops the pipelines before the engine they run on is closed. */
    @PreDestroy
    void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("wake word pipelines still running at shutdown");
        }
    }

    private void publish(String siteId, Detection d) {
        if (!listening.listensTo(siteId)) {
            return; // toggled off while its frames were queued
        }
        String version = engine.engine()
                .map(e -> e.words().get(d.wakeWordId()).file().version())
                .orElse("");
        LOG.info("{} heard on site {} (score {})", d.wakeWordId(), siteId, String.format("%.3f", d.score()));
        // the score (a Chorus key) lets the dialogue keep the site that heard best when several heard one word;
        // Float.toString, not a widening cast: 0.87 goes out as 0.87, not 0.8700000047683716
        HotwordDetected detected = new HotwordDetected(
                d.wakeWordId(),
                version,
                "universal",
                settings.threshold(),
                siteId,
                null,
                null,
                null,
                null,
                Double.valueOf(Float.toString(d.score())));
        mqtt.publishJson(Topics.hotwordDetected(d.wakeWordId()), detected).exceptionally(e -> {
            LOG.warn("cannot publish the detection of {} on {}: {}", d.wakeWordId(), siteId, e.toString());
            return null;
        });
    }

    /** One site's queue and pipeline; {@link #drain} runs on one pool thread at a time. */
    private final class Site {
        private final String id;
        private final WakePipeline pipeline;
        private final ArrayDeque<float[]> queue = new ArrayDeque<>();
        private int queuedSamples;
        private boolean draining;
        private long dropped;
        private long droppedLogged;
        private volatile boolean resetRequested;

        Site(String id, WakePipeline pipeline) {
            this.id = id;
            this.pipeline = pipeline;
        }

        /** Returns true when a drain must be scheduled. */
        synchronized boolean offer(float[] samples) {
            queue.addLast(samples);
            queuedSamples += samples.length;
            while (queuedSamples > maxQueuedSamples && queue.size() > 1) {
                queuedSamples -= queue.removeFirst().length;
                dropped++;
            }
            if (dropped > droppedLogged && (droppedLogged == 0 || dropped - droppedLogged >= 100)) {
                LOG.warn(
                        "site {}: the wake word engine falls behind; {} frames dropped so far ({} samples queued, {} at most)",
                        id,
                        dropped,
                        queuedSamples,
                        maxQueuedSamples);
                droppedLogged = dropped;
            }
            if (draining) {
                return false;
            }
            draining = true;
            return true;
        }

        private synchronized float[] next() {
            float[] samples = queue.pollFirst();
            if (samples == null) {
                draining = false;
            } else {
                queuedSamples -= samples.length;
            }
            return samples;
        }

        void drain() {
            float[] samples;
            while ((samples = next()) != null && !pool.isShutdown()) {
                try {
                    if (resetRequested) {
                        resetRequested = false;
                        pipeline.reset();
                    }
                    List<Detection> detections = pipeline.accept(samples);
                    detections.forEach(d -> publish(id, d));
                } catch (Exception e) {
                    LOG.error("site {}: the wake word engine failed on a frame; resetting it", id, e);
                    pipeline.reset();
                }
            }
        }
    }
}
