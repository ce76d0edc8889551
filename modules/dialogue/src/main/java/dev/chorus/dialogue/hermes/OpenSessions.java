package dev.chorus.dialogue.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.runtime.journal.Journal;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions open now, on disk in {@code CHORUS_DATA_DIR/journal/sessions} (issue 12): a session is written
 * there before its {@code sessionStarted} goes out and removed once its {@code sessionEnded} is on the broker.
 * The dialogue's state lives in memory, so a session that a crash or a kill interrupted cannot go on; the next
 * start ends each with {@code sessionEnded} (reason {@code error}), so that whoever waits for it (a skill, a
 * satellite, the gateway) is not left waiting forever.
 *
 * <p>Written from the dialogue's own thread of control: within a message handler, recording releases that
 * message's ack (the runtime's {@link Journal}), which is right, since the session it started is now durable.
 */
final class OpenSessions {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);

    private final Journal journal;
    private final JsonCodec codec;
    private final Map<String, Journal.Entry> open = new ConcurrentHashMap<>();

    OpenSessions(Path dataDir, JsonCodec codec) {
        this.journal = Journal.open(dataDir.resolve("journal").resolve("sessions"));
        this.codec = codec;
    }

    /** Before its sessionStarted is published. A disk error is logged: the session goes on, unrecorded. */
    void started(SessionStarted started) {
        try {
            journal.record(Topics.DM_SESSION_STARTED, codec.encode(started), "")
                    .ifPresent(entry -> open.put(started.sessionId(), entry));
        } catch (UncheckedIOException e) {
            LOG.warn("session {} not recorded, a crash would leave it open: {}", started.sessionId(), e.getMessage());
        }
    }

    /** Once its sessionEnded is on the broker. */
    void ended(String sessionId) {
        Journal.Entry entry = open.remove(sessionId);
        if (entry != null) {
            entry.complete();
        }
    }

    /**
     * The sessions the previous run left open, once, each registered again so that {@link #ended} removes it
     * when its sessionEnded is out.
     */
    List<SessionStarted> takeInterrupted() {
        List<SessionStarted> interrupted = new ArrayList<>();
        for (Journal.Entry entry : journal.takeUnfinished()) {
            try {
                SessionStarted started = codec.decode(entry.payload(), SessionStarted.class);
                open.put(started.sessionId(), entry);
                interrupted.add(started);
            } catch (DecodeException e) {
                LOG.warn("journaled session unreadable, dropped: {}", e.getMessage());
                entry.complete();
            }
        }
        return interrupted;
    }

    /** Sessions recorded and not ended (this run's and the previous run's). */
    int size() {
        return journal.size();
    }
}
