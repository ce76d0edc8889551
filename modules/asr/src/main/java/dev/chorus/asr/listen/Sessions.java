package dev.chorus.asr.listen;

import dev.chorus.asr.Application;
import dev.chorus.asr.AsrReplies;
import dev.chorus.asr.AsrSettings;
import dev.chorus.asr.Transcriber;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.toggle.SiteToggles;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening sessions, by session id (several sites may listen at once; a site's frames go to each of its
 * sessions). Publishes the sites that have one on the retained {@code chorus/listening/asr} whenever that set
 * changes (and, through {@link ChorusMqtt#retainJson}, on every reconnect), so the mic streams only those.
 * Thread-safe: the listeners of start, stop and frames call it from their own threads.
 */
@Singleton
public class Sessions implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    /**
     * The runtime queue ({@link dev.chorus.runtime.mqtt.MessageListener#queue()}) of every listener that feeds the
     * sessions: startListening, stopListening, the toggles and the audio frames are handled one at a time in the
     * order they arrived. With a queue each, a frame that arrived before a startListening could be handled after it
     * and recorded into the session, and when the frame queue lagged (a busy container), the session's first seconds
     * were old silence: its timeout ran out at once and it was answered empty.
     */
    public static final String QUEUE = "asr-sessions";

    private final AsrSettings settings;
    private final VadSettings vad;
    private final Transcriber transcriber;
    private final AsrReplies replies;
    private final ChorusMqtt mqtt;
    private final SiteToggles toggles;
    private final LongSupplier nanoClock = System::nanoTime;
    private final Map<String, ListeningSession> sessions = new LinkedHashMap<>();
    private final ScheduledExecutorService sweeper;
    private List<String> published;

    public Sessions(
            AsrSettings settings, Transcriber transcriber, AsrReplies replies, ChorusMqtt mqtt, SiteToggles toggles) {
        this.settings = settings;
        this.vad = VadSettings.of(settings);
        this.transcriber = transcriber;
        this.replies = replies;
        this.mqtt = mqtt;
        this.toggles = toggles;
        publishSites(); // none: clears what a previous run left retained
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "asr-session-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** Sessions listening now: the gauge {@code chorus.asr.sessions} (AsrBeans). */
    public synchronized int open() {
        return sessions.size();
    }

    /** {@code startListening}: a new session (replacing one with the same id), or at once an empty answer. */
    public void start(AsrStartListening request) {
        if (!transcriber.trained()) {
            replies.error(request.siteId(), request.sessionId(), "not trained: no grammar on chorus/nlu/grammar yet");
            replies.nothingCaptured(request);
            return;
        }
        synchronized (this) {
            String key = key(request.sessionId(), request.siteId());
            if (!sessions.containsKey(key) && sessions.size() >= settings.maxSessions()) {
                replies.error(
                        request.siteId(),
                        request.sessionId(),
                        "too many listening sessions: " + sessions.size() + " (CHORUS_ASR_MAX_SESSIONS)");
                replies.nothingCaptured(request);
                return;
            }
            ListeningSession session = new ListeningSession(request, vad, nanoClock.getAsLong());
            if (!transcriber.begin(session)) {
                replies.error(
                        request.siteId(),
                        request.sessionId(),
                        "busy: " + settings.decoders() + " decoder(s) working and " + settings.queueSize()
                                + " session(s) waiting (CHORUS_ASR_DECODERS, CHORUS_ASR_QUEUE_SIZE)");
                replies.nothingCaptured(request);
                return;
            }
            ListeningSession replaced = sessions.put(key, session);
            if (replaced != null) {
                // the same session id again: the old recording ends (and is answered) as if stopped
                replaced.endAudio();
                transcriber.end(replaced, true);
            }
            LOG.info("site {} session {}: listening", request.siteId(), request.sessionId());
            publishSites();
        }
    }

    /** {@code stopListening}: decodes what the session has (as Rhasspy does); unknown sessions are ignored. */
    public void stop(AsrStopListening request) {
        ListeningSession session;
        synchronized (this) {
            session = sessions.get(key(request.sessionId(), request.siteId()));
            if (session == null) {
                LOG.debug("stopListening for no session: {} {}", request.siteId(), request.sessionId());
                return;
            }
            remove(session);
        }
        // Rhasspy decodes the buffer whatever the VAD thought of it
        session.endAudio();
        transcriber.end(session, true);
    }

    /** One {@code audioFrame} of {@code siteId}: ignored unless a session listens there and the site is on. */
    public void frame(String topic, String siteId, byte[] wav) {
        List<ListeningSession> listening;
        synchronized (this) {
            listening = sessionsOf(siteId);
        }
        if (listening.isEmpty()) {
            return;
        }
        if (!toggles.enabled(siteId)) {
            // ignored, but the microphone is alive: not a stalled session
            long now = nanoClock.getAsLong();
            synchronized (this) {
                listening.forEach(session -> session.touch(now));
            }
            return;
        }
        short[] samples;
        try {
            samples = PcmConverter.toSamples(Wav.parse(wav));
        } catch (InvalidAudioException | RuntimeException e) {
            badFrame(topic, siteId, wav, listening, e.getMessage());
            return;
        }
        long now = nanoClock.getAsLong();
        List<Finished> finished = new ArrayList<>();
        synchronized (this) {
            for (ListeningSession session : listening) {
                if (sessions.get(key(session.sessionId(), session.siteId())) != session) {
                    continue; // ended meanwhile
                }
                ListeningSession.End end = session.accept(samples, now);
                if (end != null) {
                    remove(session);
                    finished.add(new Finished(session, end));
                }
            }
        }
        finished.forEach(this::finish);
    }

    /**
     * Frames the open session {@code sessionId} has taken so far, or -1 when it is not open. Lets a client that
     * sent frames know they were all handled before it sends stopListening (tests, benchmarks): frames and
     * commands arrive on different topics, with no order between them.
     */
    public synchronized int framesHandled(String sessionId) {
        ListeningSession session = sessions.get(sessionId);
        return session == null ? -1 : session.frames();
    }

    /** Sites with a session now, sorted. */
    public synchronized List<String> listeningSites() {
        TreeSet<String> sites = new TreeSet<>();
        sessions.values().forEach(s -> sites.add(s.siteId()));
        return List.copyOf(sites);
    }

    @Override
    @PreDestroy
    public void close() {
        sweeper.shutdownNow();
    }

    private void badFrame(String topic, String siteId, byte[] wav, List<ListeningSession> listening, String why) {
        boolean first;
        synchronized (this) {
            first = false;
            for (ListeningSession session : listening) {
                first |= session.firstBadFrame();
            }
        }
        String error = "bad audio frame (reported once per session): " + why;
        if (first) {
            replies.rejected(topic, wav, siteId, listening.get(0).sessionId(), error);
        } else {
            LOG.debug("{}: {}", topic, error);
        }
    }

    /** Frames stopped: the wall clock ends what audio time cannot. */
    private void sweep() {
        try {
            long now = nanoClock.getAsLong();
            List<Finished> finished = new ArrayList<>();
            synchronized (this) {
                for (ListeningSession session : new ArrayList<>(sessions.values())) {
                    ListeningSession.End end = session.checkStalled(
                            now,
                            settings.timeout().toNanos(),
                            settings.maxDuration().toNanos());
                    if (end != null) {
                        remove(session);
                        finished.add(new Finished(session, end));
                    }
                }
            }
            finished.forEach(this::finish);
        } catch (RuntimeException e) {
            LOG.error("session sweep failed", e);
        }
    }

    private void finish(Finished done) {
        ListeningSession session = done.session();
        LOG.info(
                "site {} session {}: recording ended ({}, {} s of audio)",
                session.siteId(),
                session.sessionId(),
                done.end(),
                String.format("%.2f", session.seconds()));
        session.endAudio();
        replies.recordingFinished(session.request());
        transcriber.end(session, session.heardSpeech());
    }

    private void remove(ListeningSession session) {
        sessions.remove(key(session.sessionId(), session.siteId()));
        publishSites();
    }

    private List<ListeningSession> sessionsOf(String siteId) {
        List<ListeningSession> of = new ArrayList<>();
        for (ListeningSession s : sessions.values()) {
            if (s.siteId().equals(siteId)) {
                of.add(s);
            }
        }
        return of;
    }

    private void publishSites() {
        List<String> sites = listeningSites();
        if (!Objects.equals(sites, published)) {
            published = sites;
            mqtt.retainJson(Topics.listening(Application.MODULE), new ListeningSites(Application.MODULE, sites));
        }
    }

    /** Sessions without an id (allowed by Hermes) are one per site. */
    private static String key(String sessionId, String siteId) {
        return sessionId == null ? "\u0000site:" + siteId : sessionId;
    }

    private record Finished(ListeningSession session, ListeningSession.End end) {}
}
