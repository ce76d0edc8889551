package dev.chorus.gateway.hermes;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chorus.gateway.GatewaySettings;
import dev.chorus.gateway.Publishing;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionQueued;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Dialogue sessions per site as the dialogue manager reports them (queued, started, ended and why), with what was
 * heard and understood in each: the console's live view. Kept in memory, the last {@link #PER_SITE} per site; the
 * gateway only sees sessions that start while it runs. Also starts sessions for the HTTP API.
 */
@Singleton
public class SessionBoard {

    static final int PER_SITE = 20;

    /** One session as seen from outside the dialogue manager; every key written, {@code null} included. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Session(
            String sessionId,
            String siteId,
            String state,
            String reason,
            Instant queuedAt,
            Instant startedAt,
            Instant endedAt,
            String heard,
            String intent) {

        Session with(
                String newState,
                String newReason,
                Instant queued,
                Instant started,
                Instant ended,
                String newHeard,
                String newIntent) {
            return new Session(sessionId, siteId, newState, newReason, queued, started, ended, newHeard, newIntent);
        }
    }

    private final ChorusMqtt mqtt;
    private final GatewaySettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Session>> bySite = new TreeMap<>();
    private final Awaiting<Session> starts = new Awaiting<>();
    private final Map<String, CompletableFuture<Session>> ends = new java.util.HashMap<>();

    SessionBoard(ChorusMqtt mqtt, GatewaySettings settings) {
        this.mqtt = mqtt;
        this.settings = settings;
    }

    /** Every site's sessions, newest first. */
    public synchronized Map<String, List<Session>> sites() {
        Map<String, List<Session>> copy = new LinkedHashMap<>();
        bySite.forEach((site, sessions) -> copy.put(site, List.copyOf(sessions)));
        return copy;
    }

    /**
     * Publishes a startSession and returns the session the dialogue manager started or queued for it. The answer is
     * recognised by a fresh customData token; a notification's answer has no customData in Rhasspy's protocol, so
     * the first notification session of that site is taken for it.
     */
    public Session start(String siteId, SessionInit init) {
        Publishing.requireBroker(mqtt);
        boolean notification = init instanceof SessionInit.Notification;
        String key = notification ? notificationKey(siteId) : "gateway-" + UUID.randomUUID();
        CompletableFuture<Session> answer = starts.expect(key);
        StartSession start = new StartSession(init, siteId, notification ? null : key, null);
        Publishing.await(mqtt.publish(start), Topics.DM_START_SESSION, settings.requestTimeout());
        return starts.await(key, answer, settings.requestTimeout(), "the dialogue module");
    }

    private static String notificationKey(String siteId) {
        return "notification:" + siteId;
    }

    // Each message type has its own listener, so the messages of one session can be handled in any order: a
    // session is created by whichever arrives first, and its state only moves forward (queued, started, ended).

    synchronized void queued(SessionQueued q) {
        Session now = update(
                q.siteId(),
                q.sessionId(),
                s -> s.with(
                        advance(s.state(), "queued"),
                        s.reason(),
                        s.queuedAt() == null ? clock.instant() : s.queuedAt(),
                        s.startedAt(),
                        s.endedAt(),
                        s.heard(),
                        s.intent()));
        answer(q.customData(), q.siteId(), now);
    }

    synchronized void started(SessionStarted m) {
        Session now = update(
                m.siteId(),
                m.sessionId(),
                s -> s.with(
                        advance(s.state(), "started"),
                        s.reason(),
                        s.queuedAt(),
                        clock.instant(),
                        s.endedAt(),
                        s.heard(),
                        s.intent()));
        answer(m.customData(), m.siteId(), now);
    }

    private void answer(String customData, String siteId, Session s) {
        starts.complete(customData != null ? customData : notificationKey(siteId), s);
    }

    /** Completes with the session as it ended (at once if it has ended already); the caller removes it by {@link #forget}. */
    public synchronized CompletableFuture<Session> whenEnded(String siteId, String sessionId) {
        Session known = find(siteId, sessionId);
        if (known != null && "ended".equals(known.state())) {
            return CompletableFuture.completedFuture(known);
        }
        return ends.computeIfAbsent(sessionId, k -> new CompletableFuture<>());
    }

    public synchronized void forget(String sessionId) {
        ends.remove(sessionId);
    }

    synchronized void ended(SessionEnded m) {
        Session now = update(
                m.siteId(),
                m.sessionId(),
                s -> s.with(
                        "ended",
                        m.termination().reason(),
                        s.queuedAt(),
                        s.startedAt(),
                        clock.instant(),
                        s.heard(),
                        s.intent()));
        CompletableFuture<Session> waiting = ends.remove(m.sessionId());
        if (waiting != null) {
            waiting.complete(now);
        }
    }

    synchronized void heard(String siteId, String sessionId, String text) {
        if (sessionId != null) {
            update(
                    siteId,
                    sessionId,
                    s -> s.with(s.state(), s.reason(), s.queuedAt(), s.startedAt(), s.endedAt(), text, s.intent()));
        }
    }

    synchronized void understood(String siteId, String sessionId, String intent) {
        if (sessionId != null) {
            update(
                    siteId,
                    sessionId,
                    s -> s.with(s.state(), s.reason(), s.queuedAt(), s.startedAt(), s.endedAt(), s.heard(), intent));
        }
    }

    private static final List<String> STATES = List.of("new", "queued", "started", "ended");

    private static String advance(String current, String next) {
        return STATES.indexOf(next) > STATES.indexOf(current) ? next : current;
    }

    private Session update(String siteId, String sessionId, java.util.function.UnaryOperator<Session> change) {
        Session s = find(siteId, sessionId);
        if (s == null) {
            s = new Session(sessionId, siteId, "new", null, null, null, null, null, null);
        }
        Session now = change.apply(s);
        put(now);
        return now;
    }

    private Session find(String siteId, String sessionId) {
        Deque<Session> sessions = bySite.get(siteId);
        if (sessions == null || sessionId == null) {
            return null;
        }
        return sessions.stream()
                .filter(s -> s.sessionId().equals(sessionId))
                .findFirst()
                .orElse(null);
    }

    /** Replaces the session with the same id (keeping its place) or adds it first. */
    private void put(Session session) {
        Deque<Session> sessions = bySite.computeIfAbsent(session.siteId(), k -> new ArrayDeque<>());
        List<Session> list = new ArrayList<>(sessions);
        boolean replaced = false;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).sessionId().equals(session.sessionId())) {
                list.set(i, session);
                replaced = true;
            }
        }
        if (!replaced) {
            list.add(0, session);
        }
        sessions.clear();
        sessions.addAll(list.subList(0, Math.min(PER_SITE, list.size())));
    }

    @Singleton
    static class Queued implements JsonListener<SessionQueued> {
        private final SessionBoard board;

        Queued(SessionBoard board) {
            this.board = board;
        }

        @Override
        public Class<SessionQueued> messageType() {
            return SessionQueued.class;
        }

        @Override
        public void onMessage(InboundMessage raw, SessionQueued message) {
            board.queued(message);
        }
    }

    @Singleton
    static class Started implements JsonListener<SessionStarted> {
        private final SessionBoard board;

        Started(SessionBoard board) {
            this.board = board;
        }

        @Override
        public Class<SessionStarted> messageType() {
            return SessionStarted.class;
        }

        @Override
        public void onMessage(InboundMessage raw, SessionStarted message) {
            board.started(message);
        }
    }

    @Singleton
    static class Ended implements JsonListener<SessionEnded> {
        private final SessionBoard board;

        Ended(SessionBoard board) {
            this.board = board;
        }

        @Override
        public Class<SessionEnded> messageType() {
            return SessionEnded.class;
        }

        @Override
        public void onMessage(InboundMessage raw, SessionEnded message) {
            board.ended(message);
        }
    }

    @Singleton
    static class Heard implements JsonListener<AsrTextCaptured> {
        private final SessionBoard board;

        Heard(SessionBoard board) {
            this.board = board;
        }

        @Override
        public Class<AsrTextCaptured> messageType() {
            return AsrTextCaptured.class;
        }

        @Override
        public void onMessage(InboundMessage raw, AsrTextCaptured message) {
            board.heard(message.siteId(), message.sessionId(), message.text());
        }
    }

    @Singleton
    static class Understood implements JsonListener<NluIntent> {
        private final SessionBoard board;

        Understood(SessionBoard board) {
            this.board = board;
        }

        @Override
        public Class<NluIntent> messageType() {
            return NluIntent.class;
        }

        @Override
        public void onMessage(InboundMessage raw, NluIntent message) {
            board.understood(
                    message.siteId(), message.sessionId(), message.intent().intentName());
        }
    }
}
