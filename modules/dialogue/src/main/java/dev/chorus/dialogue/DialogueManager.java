package dev.chorus.dialogue;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.DialogueConfigure;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialogue manager: routes each Hermes event to the {@link SiteDialogue} of its site (by siteId for new
 * sessions, by sessionId or request id for the rest) and keeps the global default intent filter. State lives in
 * memory only. Not thread-safe: the caller hands it one event at a time.
 */
public final class DialogueManager {

    private static final Logger LOG = LoggerFactory.getLogger(DialogueManager.class);

    private final DialogueContext ctx;
    private final WakeArbiter arbiter;
    private final Map<String, SiteDialogue> sites = new LinkedHashMap<>();
    private List<String> defaultFilter;

    /** @param ids a new unique id per call (session, say and sound request ids) */
    public DialogueManager(
            DialogueSettings settings, FeedbackSounds sounds, DialogueOutput out, Timers timers, Supplier<String> ids) {
        this.ctx = new DialogueContext(settings, sounds, out, timers, ids, () -> defaultFilter);
        this.arbiter = new WakeArbiter(
                settings.wakeGroups(), settings.wakeWindow(), settings.wakeHoldOff(), timers, this::wake);
    }

    // ---- new sessions ----------------------------------------------------------------------------------------

    /**
     * {@code hermes/hotword/{wakewordId}/detected}: a new action session that cannot wait; for a site in a wake
     * group, only if it heard the word best of its group ({@link WakeArbiter}), once the group's window is over.
     */
    public void hotwordDetected(String wakewordId, HotwordDetected detected) {
        arbiter.detected(wakewordId, detected);
    }

    private void wake(String wakewordId, HotwordDetected detected) {
        String site = detected.siteId();
        String id = detected.sessionId() != null && !detected.sessionId().isBlank()
                ? detected.sessionId()
                : site + "-" + wakewordId + "-" + ctx.ids().get();
        Session session = new Session(
                id,
                site,
                false,
                null,
                wakewordId,
                detected.sendAudioCaptured(),
                wakewordId,
                detected.lang(),
                null,
                false);
        LOG.info("wake word {} on {}: {}", wakewordId, site, id);
        site(site).wake(session);
    }

    public void startSession(StartSession start) {
        String site = start.siteId();
        String id = ctx.ids().get();
        if (start.init() instanceof SessionInit.Action action) {
            Session session = new Session(
                    id,
                    site,
                    false,
                    action.text(),
                    null,
                    null,
                    start.customData(),
                    start.lang(),
                    action.intentFilter(),
                    action.sendIntentNotRecognized());
            site(site).startAction(session, action.canBeEnqueued());
        } else {
            // Rhasspy 2.5 keeps no custom data for notifications
            Session session =
                    new Session(id, site, true, start.init().text(), null, null, null, start.lang(), null, false);
            site(site).startNotification(session);
        }
    }

    // ---- the running sessions --------------------------------------------------------------------------------

    public void continueSession(ContinueSession c) {
        current(c.sessionId(), "continueSession").ifPresent(s -> s.continueSession(c));
    }

    public void endSession(EndSession e) {
        current(e.sessionId(), "endSession").ifPresent(s -> s.endSession(e));
    }

    /** Matched by sessionId; one without a sessionId, or for a session that is over, is ignored. */
    public void textCaptured(AsrTextCaptured captured) {
        current(captured.sessionId(), "textCaptured").ifPresent(s -> s.textCaptured(captured));
    }

    /** Only moves the session on to waiting for its handler; the handler decides how it goes on. */
    public void intent(NluIntent intent) {
        if (intent.sessionId() != null) {
            current(intent.sessionId(), "intent").ifPresent(SiteDialogue::intentRecognized);
        }
    }

    public void intentNotRecognized(NluIntentNotRecognized n) {
        current(n.sessionId(), "intentNotRecognized").ifPresent(s -> s.intentNotRecognized(n.input()));
    }

    /** {@code hermes/error/asr} or {@code hermes/error/nlu} about a session: it ends with {@code error}. */
    public void componentError(String topic, HermesError error) {
        if (error.sessionId() != null) {
            sites.values().stream()
                    .filter(s -> s.isCurrent(error.sessionId()))
                    .findFirst()
                    .ifPresent(s -> s.componentFailed(topic + ": " + error.error()));
        }
    }

    /** Matched on the say id only, as Rhasspy does. */
    public void sayFinished(String id) {
        if (id != null) {
            sites.values().stream().filter(s -> s.awaits(id)).findFirst().ifPresent(s -> s.sayFinished(id));
        }
    }

    public void playFinished(String siteId, String id) {
        SiteDialogue site = sites.get(siteId);
        if (site != null && id != null) {
            site.playFinished(id);
        }
    }

    /**
     * Rhasspy semantics: one global default filter (the message's siteId is not used) made of the enabled intents;
     * none enabled removes the filter, i.e. every intent is allowed again.
     */
    public void configure(DialogueConfigure configure) {
        List<String> enabled = configure.intents().stream()
                .filter(DialogueConfigure.IntentSwitch::enable)
                .map(DialogueConfigure.IntentSwitch::intentId)
                .toList();
        defaultFilter = enabled.isEmpty() ? null : enabled;
        LOG.info("default intent filter: {}", defaultFilter == null ? "none (every intent)" : defaultFilter);
    }

    /**
     * After a restart: the sessions the previous run had open (from its journal) are gone with its memory; each
     * gets its {@code sessionEnded} with reason {@code error}, so nobody waits for it forever.
     */
    public void endInterrupted(Collection<SessionStarted> interrupted) {
        for (SessionStarted s : interrupted) {
            LOG.info("session {} on {} ended by the restart", s.sessionId(), s.siteId());
            ctx.out()
                    .publish(
                            Topics.DM_SESSION_ENDED,
                            new SessionEnded(
                                    new SessionEnded.Termination(SessionEnded.Termination.ERROR),
                                    s.sessionId(),
                                    s.siteId(),
                                    s.customData()));
        }
    }

    /**
     * After a restart: the sessions that were open are gone (state lives in memory), but the wake word and the ASR
     * of their sites may still be toggled off by the previous run. This switches both back on for every reason the
     * dialogue manager uses, on each site it knew.
     */
    public void releaseSites(Collection<String> siteIds) {
        for (String site : siteIds) {
            for (String reason :
                    List.of(SiteDialogue.DIALOGUE_SESSION, SiteDialogue.TTS_SAY, SiteDialogue.PLAY_AUDIO)) {
                ctx.out().publish(Topics.HOTWORD_TOGGLE_ON, new ReasonToggle(site, reason));
                ctx.out().publish(Topics.ASR_TOGGLE_ON, new ReasonToggle(site, reason));
            }
        }
    }

    // ---- state -----------------------------------------------------------------------------------------------

    /** The sites seen so far. */
    public List<String> sites() {
        return List.copyOf(sites.keySet());
    }

    /** The current session of a site, or null. */
    public String sessionOf(String siteId) {
        SiteDialogue site = sites.get(siteId);
        return site == null ? null : site.sessionId();
    }

    /** Sites with a session going on now. */
    public int openSessions() {
        return (int) sites.values().stream().filter(s -> s.sessionId() != null).count();
    }

    /** Sessions waiting behind another on their site. */
    public int queuedSessions() {
        return sites.values().stream().mapToInt(SiteDialogue::queued).sum();
    }

    public List<String> defaultFilter() {
        return defaultFilter;
    }

    private SiteDialogue site(String siteId) {
        return sites.computeIfAbsent(siteId, s -> new SiteDialogue(s, ctx));
    }

    private Optional<SiteDialogue> current(String sessionId, String what) {
        Optional<SiteDialogue> site = sessionId == null
                ? Optional.empty()
                : sites.values().stream().filter(s -> s.isCurrent(sessionId)).findFirst();
        if (site.isEmpty()) {
            LOG.info("{} for unknown or ended session {}, ignored", what, sessionId);
        }
        return site;
    }
}
