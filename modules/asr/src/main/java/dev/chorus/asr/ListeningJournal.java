package dev.chorus.asr;

import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code startListening}s taken and not yet answered, in {@code CHORUS_DATA_DIR/journal/listen} (issue 12):
 * a request is recorded when its session starts (its MQTT ack goes then) and removed once its
 * {@code textCaptured} is on the broker. The audio of a session lives only in memory, so a request the module
 * crashed on cannot be resumed: the next start answers it with an empty {@code textCaptured} and a
 * {@code hermes/error/asr}, so the dialogue that asked does not wait forever.
 *
 * <p>Entries are found by the request object itself (identity, not equality): the same session id may come
 * twice, and each copy gets its own answer.
 */
@Singleton
public class ListeningJournal {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningJournal.class);

    private final Journal journal;
    private final Map<AsrStartListening, Journal.Entry> open = Collections.synchronizedMap(new IdentityHashMap<>());

    public ListeningJournal(ModuleSettings module) {
        this.journal = Journal.open(module.dataDir().resolve("journal").resolve("listen"));
    }

    /**
     * Records a {@code startListening} from its handler (which releases its ack).
     *
     * @return false for a copy of a request the previous run recorded, delivered again because the crash came
     *     before its ack: it is answered from the journal at start, the caller drops it
     */
    public boolean record(InboundMessage raw, AsrStartListening request) {
        Optional<Journal.Entry> entry;
        try {
            entry = journal.record(raw);
        } catch (UncheckedIOException e) {
            // the ack stays with the handler: a crash before it returns brings the request again
            LOG.warn("startListening not journaled, a crash would leave it unanswered: {}", e.getMessage());
            return true;
        }
        entry.ifPresent(e -> open.put(request, e));
        return entry.isPresent();
    }

    /** The requests the previous run took and never answered, once. */
    public List<Journal.Entry> takeUnfinished() {
        return journal.takeUnfinished();
    }

    /** An entry of the previous run, about to be answered as {@code request}. */
    public void answering(AsrStartListening request, Journal.Entry entry) {
        open.put(request, entry);
    }

    /**
     * The request's {@code textCaptured} was published: on success the entry is removed; on failure (the
     * connection dropped with it in flight) it stays on disk, and the next start answers it again.
     */
    void answered(AsrStartListening request, boolean onBroker) {
        Journal.Entry entry = open.remove(request);
        if (entry != null && onBroker) {
            entry.complete();
        }
    }

    /** Requests recorded and not answered (this run's and the previous run's). */
    public int size() {
        return journal.size();
    }
}
