package dev.chorus.gateway;

import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.Wav;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The recent say requests made through the gateway, in memory, bounded by count ({@code CHORUS_GATEWAY_SAY_HISTORY})
 * and audio bytes ({@code CHORUS_GATEWAY_SAY_HISTORY_BYTES}): the oldest requests go first, and when audio takes
 * too much room the oldest audio goes (its request stays, audio "evicted").
 *
 * <p>States: queued (published, nothing back yet) → speaking (first playBytes seen) → finished (sayFinished; of every
 * site for a say on several sites) or failed (hermes/error/tts for it, a publish refused, or no sayFinished within
 * {@code CHORUS_GATEWAY_SAY_TIMEOUT}). The audio is ready once the say's last playBytes (requestId = the say id)
 * arrived; earlier chunks ({@link PlayIds}: {@code <id>-0}, {@code <id>-1}, …) are joined in front of it. A say on
 * several sites plays the same audio on each: the first site's is kept.
 */
@Singleton
public class SayStore {

    public enum State {
        queued,
        speaking,
        finished,
        failed
    }

    public enum AudioState {
        pending,
        ready,
        none,
        evicted,
        too_large
    }

    /** What the API shows of a say. */
    public record View(
            String id,
            String text,
            String siteId,
            List<String> siteIds,
            String voice,
            String preset,
            State state,
            String error,
            String createdAt,
            String speakingAt,
            String finishedAt,
            Audio audio) {}

    public record Audio(AudioState state, Integer bytes, Long durationMs, String readyAt, String url) {}

    static final class Entry {
        final String id;
        final String text;
        final String siteId;
        final List<String> siteIds;
        /** The sites whose sayFinished has not come yet. */
        final java.util.Set<String> speaking;

        final String voice;
        final String preset;
        final Instant createdAt;
        final long createdNanos;
        State state = State.queued;
        String error;
        Instant speakingAt;
        Instant finishedAt;
        boolean sayFinished;
        final TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        int chunkBytes;
        byte[] wav;
        Long durationMs;
        AudioState audio = AudioState.pending;
        Instant audioReadyAt;
        long audioReadyNanos;

        Entry(String id, String text, List<String> siteIds, String voice, String preset, Instant createdAt) {
            this.id = id;
            this.text = text;
            this.siteId = siteIds.get(0);
            this.siteIds = List.copyOf(siteIds);
            this.speaking = new java.util.HashSet<>(siteIds);
            this.voice = voice;
            this.preset = preset;
            this.createdAt = createdAt;
            this.createdNanos = System.nanoTime();
        }

        boolean active() {
            return state == State.queued || state == State.speaking;
        }

        int bytes() {
            return chunkBytes + (wav == null ? 0 : wav.length);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final int maxEntries;
    private final long maxBytes;
    private final long timeoutMillis;
    private final Clock clock;
    private long bytes;

    @jakarta.inject.Inject
    SayStore(GatewaySettings settings) {
        this(
                settings.sayHistory(),
                settings.sayHistoryBytes(),
                settings.sayTimeout().toMillis(),
                Clock.systemUTC());
    }

    SayStore(int maxEntries, long maxBytes, long timeoutMillis, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
        this.clock = clock;
    }

    synchronized void add(String id, String text, String siteId, String voice, String preset) {
        add(id, text, List.of(siteId), voice, preset);
    }

    /** A say on one or more sites; the first site's audio is kept. */
    synchronized void add(String id, String text, List<String> siteIds, String voice, String preset) {
        expire();
        entries.put(id, new Entry(id, text, siteIds, voice, preset, clock.instant()));
        Iterator<Entry> oldest = entries.values().iterator();
        while (entries.size() > maxEntries && oldest.hasNext()) {
            Entry e = oldest.next();
            bytes -= e.bytes();
            oldest.remove();
        }
    }

    synchronized Optional<View> view(String id) {
        expire();
        return Optional.ofNullable(entries.get(id)).map(SayStore::view);
    }

    /** Newest first. */
    synchronized List<View> views() {
        expire();
        List<View> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(0, view(e)));
        return out;
    }

    /** The joined WAV, when ready. */
    synchronized Optional<byte[]> wav(String id) {
        Entry e = entries.get(id);
        return e == null || e.wav == null ? Optional.empty() : Optional.of(e.wav);
    }

    /** Nanoseconds from the POST to the audio being ready, for the benchmark. */
    synchronized Optional<Long> audioLatencyNanos(String id) {
        Entry e = entries.get(id);
        return e == null || e.audio != AudioState.ready
                ? Optional.empty()
                : Optional.of(e.audioReadyNanos - e.createdNanos);
    }

    synchronized boolean knows(String id) {
        return entries.containsKey(id);
    }

    /**
     * A playBytes on {@code siteId} with request id {@code playId}: the say's last chunk when playId is a say id,
     * chunk n when it is {@code <sayId>-<n>}. Unrelated playBytes are ignored.
     */
    public synchronized void playBytes(String siteId, String playId, byte[] wav) {
        Entry e = entries.get(playId);
        int seq = Integer.MAX_VALUE;
        if (e == null) {
            Optional<PlayIds.Part> part = PlayIds.parse(playId);
            e = part.map(p -> entries.get(p.sayId())).orElse(null);
            if (e == null) {
                return;
            }
            seq = part.get().n();
        }
        if (!e.siteId.equals(siteId) || e.audio != AudioState.pending) {
            return;
        }
        if (e.state == State.queued) {
            e.state = State.speaking;
            e.speakingAt = clock.instant();
        }
        e.chunks.put(seq, wav);
        e.chunkBytes += wav.length;
        bytes += wav.length;
        if (seq == Integer.MAX_VALUE) {
            List<byte[]> parts = new ArrayList<>(e.chunks.values());
            bytes -= e.chunkBytes;
            e.chunks.clear();
            e.chunkBytes = 0;
            byte[] joined;
            try {
                joined = Wav.join(parts);
                e.durationMs = Wav.parse(joined).duration().toMillis();
            } catch (InvalidAudioException notJoinable) {
                joined = parts.get(parts.size() - 1); // the browser may still play the last part alone
                e.durationMs = null;
            }
            e.audioReadyAt = clock.instant();
            e.audioReadyNanos = System.nanoTime();
            if (joined.length > maxBytes) {
                e.audio = AudioState.too_large;
            } else {
                e.wav = joined;
                e.audio = AudioState.ready;
                bytes += joined.length;
            }
        }
        evictAudio(e);
    }

    public synchronized void error(String id, String error) {
        Entry e = entries.get(id);
        if (e != null && e.error == null) {
            // an error makes the say failed even when its sayFinished was handled first (separate listeners)
            e.error = error;
            if (e.state != State.failed) {
                e.state = State.failed;
                if (e.finishedAt == null) {
                    e.finishedAt = clock.instant();
                }
            }
        }
    }

    /** A sayFinished of a say on one site (whatever site it names, as a Hermes client matches on the id). */
    public synchronized void sayFinished(String id) {
        Entry e = entries.get(id);
        if (e != null) {
            e.speaking.clear();
            finish(e);
        }
    }

    /** A sayFinished with its site: a say on several sites is finished with the last of its sites. */
    public synchronized void sayFinished(String id, String siteId) {
        Entry e = entries.get(id);
        if (e == null) {
            return;
        }
        if (e.siteIds.size() == 1) {
            e.speaking.clear();
        } else {
            e.speaking.remove(siteId);
        }
        if (e.speaking.isEmpty()) {
            finish(e);
        }
    }

    private void finish(Entry e) {
        e.sayFinished = true;
        if (e.active()) {
            e.state = e.error == null ? State.finished : State.failed;
            e.finishedAt = clock.instant();
        }
        if (e.audio == AudioState.pending && e.chunks.isEmpty()) {
            e.audio = AudioState.none;
        }
    }

    /** Failed before the tts module saw it (the publish did not go out). */
    synchronized void failed(String id, String error) {
        Entry e = entries.get(id);
        if (e != null) {
            e.error = error;
            e.state = State.failed;
            e.finishedAt = clock.instant();
            if (e.audio == AudioState.pending) {
                e.audio = AudioState.none;
            }
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    private void evictAudio(Entry keep) {
        for (Entry e : entries.values()) {
            if (bytes <= maxBytes) {
                return;
            }
            if (e != keep && e.wav != null) {
                bytes -= e.wav.length;
                e.wav = null;
                e.audio = AudioState.evicted;
            }
        }
        if (bytes > maxBytes && keep.wav != null) {
            bytes -= keep.wav.length;
            keep.wav = null;
            keep.audio = AudioState.too_large;
        }
    }

    private void expire() {
        Instant now = clock.instant();
        for (Entry e : entries.values()) {
            if (e.active() && now.toEpochMilli() - e.createdAt.toEpochMilli() > timeoutMillis) {
                e.state = State.failed;
                e.error = "no sayFinished from the tts module within " + timeoutMillis / 1000
                        + " s (is it online? GET /api/modules)";
                e.finishedAt = now;
                if (e.audio == AudioState.pending) {
                    bytes -= e.chunkBytes;
                    e.chunks.clear();
                    e.chunkBytes = 0;
                    e.audio = AudioState.none;
                }
            }
        }
    }

    private static View view(Entry e) {
        String url = e.audio == AudioState.ready ? "/api/say/" + e.id + "/audio" : null;
        return new View(
                e.id,
                e.text,
                e.siteId,
                e.siteIds,
                e.voice,
                e.preset,
                e.state,
                e.error,
                str(e.createdAt),
                str(e.speakingAt),
                str(e.finishedAt),
                new Audio(e.audio, e.wav == null ? null : e.wav.length, e.durationMs, str(e.audioReadyAt), url));
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
