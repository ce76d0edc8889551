package dev.chorus.dialogue;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.DialogueIntentNotRecognized;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionEnded.Termination;
import dev.chorus.protocol.messages.SessionQueued;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.SiteToggle;
import dev.chorus.protocol.messages.TtsSay;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialogue of one site: its current session, the sessions queued behind it, and where the current one stands.
 * Pure: it sends through {@link DialogueOutput} and waits through {@link Timers}, and is called one event at a
 * time (the caller serialises). Sites are independent: nothing here looks at another site.
 *
 * <p>A session goes: started → (feedback sound) → (say its text) → listening → recognizing (nlu/query sent) →
 * handling (an intent went to the handlers) → continueSession (say, listen again) or endSession (say, end).
 * Waiting for a sayFinished or a playFinished is a step with its own timeout; the session timeout runs only
 * while the dialogue waits for someone else (the ASR, the NLU, a handler), so a long answer never times out.
 */
final class SiteDialogue {

    private static final Logger LOG = LoggerFactory.getLogger(SiteDialogue.class);

    static final String DIALOGUE_SESSION = "dialogueSession";
    static final String TTS_SAY = "ttsSay";
    static final String PLAY_AUDIO = "playAudio";

    /** Where the current session stands. */
    enum Phase {
        IDLE,
        /** A feedback sound is playing; waiting for its playFinished. */
        SOUND,
        /** A say is out; waiting for its sayFinished. */
        SAYING,
        /** startListening is out; waiting for textCaptured. */
        LISTENING,
        /** nlu/query is out; waiting for an intent or intentNotRecognized. */
        RECOGNIZING,
        /** The handlers have the intent; waiting for continueSession or endSession. */
        HANDLING
    }

    private final String siteId;
    private final DialogueContext ctx;
    private final Deque<Session> queue = new ArrayDeque<>();

    private Session session;
    private Phase phase = Phase.IDLE;

    /** The say or playBytes id of the step in progress (SAYING, SOUND), its toggle reason and what comes next. */
    private String awaitedId;

    private String stepReason;
    private Runnable afterStep;
    private Timers.Timer stepTimer;
    private Timers.Timer sessionTimer;

    /**
     * The end-of-listening sound plays while the NLU and the handlers work (the answer's audio queues behind it on the
     * site), so the dialogue does not wait for it: its playFinished, or its timeout, only switches the wake word and
     * the ASR back on.
     */
    private String asideId;

    private Timers.Timer asideTimer;

    SiteDialogue(String siteId, DialogueContext ctx) {
        this.siteId = siteId;
        this.ctx = ctx;
    }

    String siteId() {
        return siteId;
    }

    Phase phase() {
        return phase;
    }

    /** The current session's id, or null when the site is idle. */
    String sessionId() {
        return session == null ? null : session.id;
    }

    boolean isCurrent(String sessionId) {
        return session != null && session.id.equals(sessionId);
    }

    boolean awaits(String requestId) {
        return awaitedId != null && awaitedId.equals(requestId);
    }

    int queued() {
        return queue.size();
    }

    // ---- sessions coming in ------------------------------------------------------------------------------

    /**
     * A wake word: whatever the site was doing ends ({@code abortedByUser}; what it was saying is stopped) and the
     * new session starts at once, ahead of the queue.
     */
    void wake(Session next) {
        if (session != null) {
            if (phase == Phase.SAYING || phase == Phase.SOUND) {
                ctx.out().publish(Topics.audioServerStop(siteId), new SiteToggle(siteId));
            }
            end(Termination.ABORTED_BY_USER, next);
        } else {
            begin(next);
        }
    }

    /** startSession with an action init: queued, or replacing the current session, or started. */
    void startAction(Session next, boolean canBeEnqueued) {
        if (session == null) {
            begin(next);
        } else if (canBeEnqueued) {
            queue.add(next);
            ctx.out().publish(Topics.DM_SESSION_QUEUED, new SessionQueued(next.id, siteId, next.customData));
        } else {
            end(Termination.ABORTED_BY_USER, next);
        }
    }

    /**
     * startSession with a notification: on an idle site a session of its own that says the text; on a busy site
     * (Rhasspy 2.5) the text is said in the current session, which then ends nominally.
     */
    void startNotification(Session next) {
        if (session == null) {
            begin(next);
        } else {
            leaveStep();
            sayThen(next.text, () -> end(Termination.NOMINAL, null));
        }
    }

    // ---- the current session -----------------------------------------------------------------------------

    void continueSession(ContinueSession c) {
        leaveStep();
        if (c.customData() != null) {
            session.customData = c.customData();
        }
        if (c.lang() != null) {
            session.lang = c.lang();
        }
        session.intentFilter = c.intentFilter() == null ? null : List.copyOf(c.intentFilter());
        session.sendIntentNotRecognized = c.sendIntentNotRecognized();
        toggle(Topics.HOTWORD_TOGGLE_OFF, DIALOGUE_SESSION);
        sayThen(c.text(), this::listen);
    }

    void endSession(EndSession e) {
        leaveStep();
        if (e.customData() != null) {
            session.customData = e.customData();
        }
        sayThen(e.text(), () -> end(Termination.NOMINAL, null));
    }

    void textCaptured(AsrTextCaptured captured) {
        if (phase != Phase.LISTENING) {
            LOG.info("{}: textCaptured while {}, ignored", session, phase);
            return;
        }
        stopListening();
        toggle(Topics.HOTWORD_TOGGLE_ON, DIALOGUE_SESSION);
        ctx.sounds().end().ifPresent(this::playAside);
        recognize(captured);
    }

    void intentRecognized() {
        if (phase == Phase.RECOGNIZING) {
            phase = Phase.HANDLING;
            armSessionTimer();
        }
    }

    void intentNotRecognized(String input) {
        if (phase != Phase.RECOGNIZING) {
            LOG.info("{}: intentNotRecognized while {}, ignored", session, phase);
            return;
        }
        if (session.sendIntentNotRecognized) {
            ctx.out()
                    .publish(
                            Topics.DM_INTENT_NOT_RECOGNIZED,
                            new DialogueIntentNotRecognized(session.id, siteId, input, session.customData));
            phase = Phase.HANDLING;
            armSessionTimer();
        } else {
            end(Termination.INTENT_NOT_RECOGNIZED, null);
        }
    }

    /** The ASR or the NLU reported an error about this session while it waited for them. */
    void componentFailed(String error) {
        if (phase == Phase.LISTENING || phase == Phase.RECOGNIZING) {
            LOG.warn("{}: ended by an error: {}", session, error);
            end(Termination.ERROR, null);
        }
    }

    void sayFinished(String id) {
        if (phase == Phase.SAYING && awaits(id)) {
            finishStep();
        }
    }

    void playFinished(String id) {
        if (phase == Phase.SOUND && awaits(id)) {
            finishStep();
        } else if (id.equals(asideId)) {
            finishAside();
        }
    }

    // ---- steps ---------------------------------------------------------------------------------------------

    private void begin(Session next) {
        session = next;
        phase = Phase.IDLE;
        ctx.out().publish(Topics.DM_SESSION_STARTED, new SessionStarted(next.id, siteId, next.customData, next.lang));
        if (next.notification) {
            sayThen(next.text, () -> end(Termination.NOMINAL, null));
            return;
        }
        toggle(Topics.HOTWORD_TOGGLE_OFF, DIALOGUE_SESSION);
        Runnable speakThenListen = () -> sayThen(next.text, this::listen);
        if (next.wakewordId != null && ctx.sounds().start().isPresent()) {
            play(ctx.sounds().start().get(), speakThenListen);
        } else {
            speakThenListen.run();
        }
    }

    private void sayThen(String text, Runnable then) {
        if (text == null || text.isBlank()) {
            then.run();
        } else {
            say(text, then);
        }
    }

    /** hotword (unless barge-in) and asr off with reason ttsSay, tts/say, then wait for sayFinished, bounded. */
    private void say(String text, Runnable then) {
        String id = ctx.ids().get();
        if (!ctx.settings().bargeIn()) {
            toggle(Topics.HOTWORD_TOGGLE_OFF, TTS_SAY);
        }
        toggle(Topics.ASR_TOGGLE_OFF, TTS_SAY);
        ctx.out().publish(Topics.TTS_SAY, new TtsSay(text, siteId, session.lang, id, session.id, null));
        await(Phase.SAYING, id, TTS_SAY, ctx.settings().sayTimeout(text), then);
    }

    /** A feedback sound: hotword and asr off with reason playAudio, playBytes, wait for playFinished, bounded. */
    private void play(FeedbackSounds.Sound sound, Runnable then) {
        String id = ctx.ids().get();
        toggle(Topics.HOTWORD_TOGGLE_OFF, PLAY_AUDIO);
        toggle(Topics.ASR_TOGGLE_OFF, PLAY_AUDIO);
        ctx.out().publishBytes(Topics.playBytes(siteId, id), sound.wav());
        await(Phase.SOUND, id, PLAY_AUDIO, sound.timeout(), then);
    }

    /** A feedback sound nobody waits for: hotword and asr off with reason playAudio until it has played. */
    private void playAside(FeedbackSounds.Sound sound) {
        if (asideId != null) {
            asideTimer.cancel(); // still playing: the new sound takes over its toggles
        }
        String id = ctx.ids().get();
        toggle(Topics.HOTWORD_TOGGLE_OFF, PLAY_AUDIO);
        toggle(Topics.ASR_TOGGLE_OFF, PLAY_AUDIO);
        ctx.out().publishBytes(Topics.playBytes(siteId, id), sound.wav());
        asideId = id;
        asideTimer = ctx.timers().start(sound.timeout(), () -> {
            if (id.equals(asideId)) {
                finishAside();
            }
        });
    }

    private void finishAside() {
        asideTimer.cancel();
        asideId = null;
        asideTimer = null;
        toggle(Topics.HOTWORD_TOGGLE_ON, PLAY_AUDIO);
        toggle(Topics.ASR_TOGGLE_ON, PLAY_AUDIO);
    }

    private void await(Phase step, String id, String reason, Duration timeout, Runnable then) {
        cancelSessionTimer();
        phase = step;
        awaitedId = id;
        stepReason = reason;
        afterStep = then;
        stepTimer = ctx.timers().start(timeout, () -> {
            if (awaits(id)) {
                // sayFinished/playFinished lost (tts or audio down): the dialogue goes on rather than hang
                LOG.warn(
                        "{}: no {} for {} within {}; going on",
                        session,
                        step == Phase.SAYING ? "sayFinished" : "playFinished",
                        id,
                        timeout);
                finishStep();
            }
        });
    }

    /** The awaited answer came (or its timeout passed): toggles back on, then what was to come next. */
    private void finishStep() {
        Runnable then = afterStep;
        leaveStep();
        then.run();
    }

    /** Abandons the step in progress, if any: its timer, its toggles (back on), its continuation. */
    private void leaveStep() {
        if (phase == Phase.SAYING || phase == Phase.SOUND) {
            stepTimer.cancel();
            if (!(TTS_SAY.equals(stepReason) && ctx.settings().bargeIn())) {
                toggle(Topics.HOTWORD_TOGGLE_ON, stepReason);
            }
            toggle(Topics.ASR_TOGGLE_ON, stepReason);
            awaitedId = null;
            stepReason = null;
            afterStep = null;
            stepTimer = null;
        } else if (phase == Phase.LISTENING) {
            stopListening();
        }
        phase = Phase.IDLE;
    }

    private void listen() {
        phase = Phase.LISTENING;
        boolean audio = session.sendAudioCaptured != null
                ? session.sendAudioCaptured
                : ctx.settings().sendAudioCaptured();
        ctx.out()
                .publish(
                        Topics.ASR_START_LISTENING,
                        new AsrStartListening(
                                siteId, session.id, session.lang, true, audio, session.wakewordId, filter()));
        armSessionTimer();
    }

    private void stopListening() {
        ctx.out().publish(Topics.ASR_STOP_LISTENING, new AsrStopListening(siteId, session.id));
        phase = Phase.IDLE;
    }

    /**
     * nlu/query with the captured text. Empty text (nobody spoke, the ASR timed out) goes to no NLU: it is "not
     * recognised" at once, as Rhasspy's NLU would answer.
     */
    private void recognize(AsrTextCaptured captured) {
        phase = Phase.RECOGNIZING;
        if (captured.text().isBlank()) {
            intentNotRecognized("");
            return;
        }
        ctx.out()
                .publish(
                        Topics.NLU_QUERY,
                        new NluQuery(
                                captured.text(),
                                siteId,
                                null,
                                filter(),
                                session.id,
                                session.wakewordId,
                                session.lang,
                                session.customData,
                                captured.likelihood(),
                                null));
        armSessionTimer();
    }

    /** The session's own filter, else the configured default (Rhasspy: {@code session filter or default}). */
    private List<String> filter() {
        return session.intentFilter == null || session.intentFilter.isEmpty()
                ? ctx.defaultFilter().get()
                : session.intentFilter;
    }

    /**
     * Ends the current session: the step in progress is left, sessionEnded goes out, and the site goes on with
     * {@code next} (a wake word or a non-enqueueable action), else the first queued session, else the wake word is
     * switched back on.
     */
    private void end(String reason, Session next) {
        leaveStep();
        cancelSessionTimer();
        Session ended = session;
        session = null;
        phase = Phase.IDLE;
        ctx.out()
                .publish(
                        Topics.DM_SESSION_ENDED,
                        new SessionEnded(new Termination(reason), ended.id, siteId, ended.customData));
        LOG.info("{} ended: {}", ended, reason);
        Session following = next != null ? next : queue.poll();
        if (following != null) {
            begin(following);
        } else {
            toggle(Topics.HOTWORD_TOGGLE_ON, DIALOGUE_SESSION);
        }
    }

    private void armSessionTimer() {
        cancelSessionTimer();
        Session timed = session;
        Timers.Timer[] self = new Timers.Timer[1];
        self[0] = ctx.timers().start(ctx.settings().sessionTimeout(), () -> {
            if (session == timed && sessionTimer == self[0]) {
                LOG.info(
                        "{}: nobody answered within {} ({})",
                        timed,
                        ctx.settings().sessionTimeout(),
                        phase);
                end(Termination.TIMEOUT, null);
            }
        });
        sessionTimer = self[0];
    }

    private void cancelSessionTimer() {
        if (sessionTimer != null) {
            sessionTimer.cancel();
            sessionTimer = null;
        }
    }

    private void toggle(String topic, String reason) {
        ctx.out().publish(topic, new ReasonToggle(siteId, reason));
    }
}
