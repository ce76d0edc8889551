package dev.chorus.asr.hermes;

import dev.chorus.asr.AsrReplies;
import dev.chorus.asr.ListeningJournal;
import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.JsonListener;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hermes/asr/startListening}: a listening session for the site. Each request is journaled
 * ({@link ListeningJournal}) until its {@code textCaptured} is on the broker; those a crash interrupted are
 * answered at the next start.
 */
@Singleton
public class StartListeningListener implements JsonListener<AsrStartListening> {

    private static final Logger LOG = LoggerFactory.getLogger(StartListeningListener.class);

    /** What the error says to whoever waited for the session (dialogue, satellites, the operator's tools). */
    static final String INTERRUPTED = "the recording was interrupted by a restart of the asr module: nothing captured";

    private final Sessions sessions;
    private final ListeningJournal journal;
    private final AsrReplies replies;
    private final JsonCodec codec;

    public StartListeningListener(Sessions sessions, ListeningJournal journal, AsrReplies replies, JsonCodec codec) {
        this.sessions = sessions;
        this.journal = journal;
        this.replies = replies;
        this.codec = codec;
    }

    /** In arrival order with the other session messages ({@link Sessions#QUEUE}). */
    @Override
    public String queue() {
        return Sessions.QUEUE;
    }

    @Override
    public Class<AsrStartListening> messageType() {
        return AsrStartListening.class;
    }

    /**
     * The sessions a crash or a kill interrupted: their audio was only in memory, so each gets an empty
     * {@code textCaptured} and an error now (queued until MQTT connects, which is after start-up), rather than
     * a dialogue that waits for it forever.
     */
    @PostConstruct
    void answerInterrupted() {
        for (Journal.Entry entry : journal.takeUnfinished()) {
            AsrStartListening request;
            try {
                request = codec.decode(entry.payload(), AsrStartListening.class);
            } catch (DecodeException e) {
                // only decoded requests are recorded: a file from another version, say
                LOG.warn("journaled startListening unreadable, dropped: {}", e.getMessage());
                entry.complete();
                continue;
            }
            replies.error(request.siteId(), request.sessionId(), INTERRUPTED);
            journal.answering(request, entry);
            replies.nothingCaptured(request);
        }
    }

    @Override
    public void onMessage(InboundMessage raw, AsrStartListening request) {
        if (!journal.record(raw, request)) {
            LOG.info(
                    "site {} session {}: startListening delivered again after a restart, answered already",
                    request.siteId(),
                    request.sessionId());
            return;
        }
        sessions.start(request);
    }
}
