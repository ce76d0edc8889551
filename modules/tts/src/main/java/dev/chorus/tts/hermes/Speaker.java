package dev.chorus.tts.hermes;

import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.tts.Pcm16;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import dev.chorus.tts.TtsException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks one say, on its site's worker thread: synthesizes chunk by chunk (a few sentences
 * ahead), publishes each chunk as its own playBytes as soon as it is ready and in order, waits
 * for every chunk's playFinished, and <b>always</b> ends with sayFinished. The first sentence is
 * synthesized alone (first audio as early as possible); after it, up to {@code CHORUS_TTS_WORKERS}
 * sentences are in flight, which is far ahead of playback (real-time factor about 0.1).
 *
 * <p>playBytes requestIds: the <em>last</em> chunk carries the say's id (or the UUID chosen when
 * it had none), so a single-sentence say is exactly what Rhasspy sends, and a playFinished with
 * the say's id means the whole text has been played. Earlier chunks carry {@code <id>-0},
 * {@code <id>-1}, … in speaking order ({@link PlayIds}). See modules/tts/README.md.
 */
@Singleton
class Speaker {

    private static final Logger LOG = LoggerFactory.getLogger(Speaker.class);

    private final TtsReplies replies;
    private final PlaybackTracker tracker;
    private final SayServiceSettings settings;
    private final int lookahead;
    private final List<SayEvents> events;
    private final SiteStops stops;

    Speaker(
            final TtsReplies replies,
            final PlaybackTracker tracker,
            final SiteStops stops,
            final SayServiceSettings settings,
            final TtsConfig engine,
            final List<SayEvents> events) {
        this.replies = replies;
        this.tracker = tracker;
        this.stops = stops;
        this.settings = settings;
        // as many sentences in flight per say as there are MaryTTS workers (after the first one): one
        // long text cannot fill the worker queue in front of other sites
        this.lookahead = engine.workers();
        this.events = List.copyOf(events);
    }

    /** A playBytes that is out and the time by which its playFinished should be back. */
    private record Playing(String playId, CompletableFuture<Void> done, long deadline) {}

    /** Thrown inside {@link #speak} when audio cannot be published. */
    private static final class PlaybackFailed extends Exception {
        PlaybackFailed(final String message) {
            super(message);
        }
    }

    /** Speaks {@code job}; never throws; sayFinished is on its way (queued in order) when it returns. */
    void speak(final SayJob job) {
        final List<Playing> playing = new ArrayList<>();
        final String site = job.siteId();
        final long stopCount = stops.count(site);
        long firstAudio = -1;
        long audioNanos = 0;
        try {
            fireStarted(job);
            final TextToSpeech.Utterance utterance = job.utterance();
            final int n = utterance.size();
            // the first sentence alone, so it has the CPUs to itself and comes out as early as possible;
            // once it is there, up to `lookahead` sentences in flight while it plays
            // a say resumed after a crash starts at its first sentence not yet sent
            final int first = Math.min(job.from().sentence(), n);
            if (first < n) {
                utterance.start(first);
            }
            long playEnd = System.nanoTime(); // when the audio server should be done with what we sent
            int seq = job.from().seq();
            for (int k = first; k < n && !stops.stoppedSince(site, stopCount); k++) {
                final Pcm16 wav = utterance.await(k);
                if (stops.stoppedSince(site, stopCount)) {
                    break;
                }
                for (int next = k + 1; next <= Math.min(n - 1, k + lookahead); next++) {
                    utterance.start(next);
                }
                fireSynthesized(job, k, n);
                final List<Pcm16> parts = split(wav, settings.maxPlayBytes());
                String playId = null;
                for (int j = 0; j < parts.size(); j++) {
                    final boolean last = k == n - 1 && j == parts.size() - 1;
                    playId = last ? job.requestId() : PlayIds.of(job.requestId(), seq);
                    seq++;
                    final Pcm16 part = parts.get(j);
                    final CompletableFuture<Void> done = tracker.expect(site, playId);
                    publish(site, playId, part, done);
                    final long now = System.nanoTime();
                    if (firstAudio < 0) {
                        firstAudio = now;
                    }
                    audioNanos += part.duration().toNanos();
                    playEnd = Math.max(now, playEnd) + part.duration().toNanos();
                    playing.add(new Playing(
                            playId, done, playEnd + settings.playMargin().toNanos()));
                }
                firePublished(job, k, n, playId);
                job.progress(k + 1, seq);
            }
            LOG.info(
                    "site {}: say {} out in {} playBytes, {} ms of audio, first audio {} ms after the request",
                    site,
                    job.id(),
                    playing.size(),
                    audioNanos / 1_000_000,
                    (firstAudio - job.receivedAt()) / 1_000_000);
        } catch (TtsException e) {
            error(job, e.code() + ": " + e.getMessage());
        } catch (PlaybackFailed e) {
            error(job, "playback-failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(job, "shutting-down: the tts module stopped while speaking");
        } catch (RuntimeException e) {
            LOG.error("say {} on {} failed", job.id(), site, e);
            error(job, "internal-error: " + e);
        } finally {
            if (stops.stoppedSince(site, stopCount)) {
                // the site was stopped: no more sentences, no wait for what is out (the audio server drops it)
                playing.forEach(p -> tracker.forget(site, p.playId(), p.done()));
                LOG.info("site {}: say {} stopped after {} playBytes", site, job.id(), playing.size());
            } else {
                awaitPlayback(job, playing);
            }
            job.finished(replies.sayFinished(site, job.id(), job.sessionId()));
            fireFinished(job);
        }
    }

    private void publish(final String site, final String playId, final Pcm16 part, final CompletableFuture<Void> done)
            throws PlaybackFailed, InterruptedException {
        try {
            replies.playBytes(site, playId, part.toWav()).get(TtsReplies.PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            tracker.forget(site, playId, done);
            final Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PlaybackFailed("cannot publish audio on " + Topics.playBytes(site, playId) + ": " + cause);
        } catch (InterruptedException e) {
            tracker.forget(site, playId, done);
            throw e;
        }
    }

    /** Waits for each playFinished until its deadline (audio end + margin); a missing one is logged, not fatal. */
    private void awaitPlayback(final SayJob job, final List<Playing> playing) {
        for (final Playing p : playing) {
            if (Thread.currentThread().isInterrupted()) {
                tracker.forget(job.siteId(), p.playId(), p.done());
                continue;
            }
            final long left = Math.max(0, p.deadline() - System.nanoTime());
            try {
                p.done().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                tracker.forget(job.siteId(), p.playId(), p.done());
                LOG.info(
                        "site {}: no playFinished for {} in time (audio + {} ms margin); going on",
                        job.siteId(),
                        p.playId(),
                        settings.playMargin().toMillis());
            } catch (CancellationException | ExecutionException e) {
                LOG.debug("site {}: wait for {} ended: {}", job.siteId(), p.playId(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tracker.forget(job.siteId(), p.playId(), p.done());
            }
        }
    }

    /**
     * Audio longer than {@code maxBytes} as consecutive WAVs that each fit: the broker limits the
     * packet size (8 MiB by default), and SSML or a long sentence at 48 kHz can pass it.
     * The engine's output is always mono.
     */
    static List<Pcm16> split(final Pcm16 wav, final int maxBytes) {
        final int maxFrames = Math.max(1, (maxBytes - Wav.HEADER_BYTES) / 2);
        if (wav.frames() <= maxFrames || wav.channels() != 1) {
            return List.of(wav);
        }
        final short[] samples = wav.samples();
        final List<Pcm16> parts = new ArrayList<>();
        for (int from = 0; from < samples.length; from += maxFrames) {
            parts.add(Pcm16.mono(
                    wav.sampleRate(), Arrays.copyOfRange(samples, from, Math.min(samples.length, from + maxFrames))));
        }
        return parts;
    }

    private void error(final SayJob job, final String message) {
        replies.error(Topics.TTS_SAY, job.payload(), job.siteId(), job.id(), job.sessionId(), message);
    }

    private void fireStarted(final SayJob job) {
        final long now = System.nanoTime();
        for (final SayEvents e : events) {
            e.started(job.siteId(), job.requestId(), job.receivedAt(), now);
        }
    }

    private void fireSynthesized(final SayJob job, final int k, final int n) {
        final long now = System.nanoTime();
        for (final SayEvents e : events) {
            e.synthesized(job.siteId(), job.requestId(), k, n, now);
        }
    }

    private void fireFinished(final SayJob job) {
        final long now = System.nanoTime();
        for (final SayEvents e : events) {
            e.finished(job.siteId(), job.requestId(), now);
        }
    }

    private void firePublished(final SayJob job, final int k, final int n, final String playId) {
        final long now = System.nanoTime();
        for (final SayEvents e : events) {
            e.published(job.siteId(), job.requestId(), k, n, playId, now);
        }
    }
}
