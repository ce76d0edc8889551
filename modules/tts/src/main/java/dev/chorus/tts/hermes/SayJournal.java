package dev.chorus.tts.hermes;

import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import jakarta.inject.Singleton;

/**
 * The says accepted and not finished, in {@code CHORUS_DATA_DIR/journal/say}: a say is recorded when accepted
 * (its MQTT ack goes then, not when it is finished), its progress after each sentence sent, and it is removed
 * once its sayFinished is on the broker. After a crash the module speaks what is left of each, from its first
 * unsent sentence, and ends it with its sayFinished.
 */
@Singleton
class SayJournal {

    private final Journal journal;

    SayJournal(final ModuleSettings module) {
        this.journal = Journal.open(module.dataDir().resolve("journal").resolve("say"));
    }

    Journal journal() {
        return journal;
    }

    /** How far a say got: the next sentence to speak and the next playBytes sequence number. */
    record Progress(int sentence, int seq) {

        static final Progress START = new Progress(0, 0);

        static Progress parse(final String mark) {
            final String[] parts = mark == null ? new String[0] : mark.strip().split(" ");
            try {
                return parts.length == 2 ? new Progress(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])) : START;
            } catch (NumberFormatException e) {
                return START;
            }
        }

        String mark() {
            return sentence + " " + seq;
        }
    }
}
