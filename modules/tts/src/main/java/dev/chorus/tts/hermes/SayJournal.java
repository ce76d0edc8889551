package dev.chorus.tts.hermes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The says accepted and not finished, in {@code CHORUS_DATA_DIR/journal/say}: a say is recorded when accepted
 * (its MQTT ack goes then, not when it is finished), its progress after each sentence sent, and it is removed
 * once its sayFinished is on the broker. After a crash the module speaks what is left of each, from its first
 * unsent sentence, and ends it with its sayFinished. A say on several sites ({@code chorus/tts/say}) is one entry
 * holding each unfinished site's progress ({@link Sites}), removed once the last site's sayFinished is out.
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

    /** Where one site's say writes its progress and its end: a journal entry of its own, or a share of one. */
    interface Tracking {

        /** @throws java.io.UncheckedIOException when it cannot be written */
        void progress(Progress progress);

        /** This site's sayFinished is on the broker. */
        void complete();

        static Tracking of(final Journal.Entry entry) {
            return new Tracking() {
                @Override
                public void progress(final Progress progress) {
                    entry.progress(progress.mark());
                }

                @Override
                public void complete() {
                    entry.complete();
                }
            };
        }
    }

    /**
     * The journal entry of a say on several sites: its mark is a JSON object with the progress of every site
     * not finished yet ({@code {"kitchen": "2 5", "attic": "0 0"}}); a site leaves it when its sayFinished is
     * out, and the entry is removed with the last one. Thread-safe: the sites speak on threads of their own.
     */
    static final class Sites {

        private static final ObjectMapper JSON = new ObjectMapper();

        private final Journal.Entry entry;
        private final Map<String, Progress> left;

        private Sites(final Journal.Entry entry, final Map<String, Progress> left) {
            this.entry = entry;
            this.left = left;
        }

        /** The first mark of a new entry: every site at its start. */
        static String startMark(final List<String> siteIds) {
            final Map<String, Progress> all = new LinkedHashMap<>();
            siteIds.forEach(s -> all.put(s, Progress.START));
            return mark(all);
        }

        /**
         * A new entry recorded with {@link #startMark}, or one the previous run left: only the sites its mark
         * still lists are left to speak. A mark that cannot be read (an entry written before its first mark)
         * speaks every site from its start: at least once.
         */
        static Sites of(final Journal.Entry entry, final List<String> siteIds) {
            final Map<String, Progress> left = new LinkedHashMap<>();
            Map<String, String> marks = null;
            try {
                marks = entry.progress().isBlank()
                        ? null
                        : JSON.readValue(entry.progress(), new TypeReference<Map<String, String>>() {});
            } catch (JsonProcessingException e) {
                // unreadable: every site from its start
            }
            for (final String site : siteIds) {
                if (marks == null) {
                    left.put(site, Progress.START);
                } else if (marks.containsKey(site)) {
                    left.put(site, Progress.parse(marks.get(site)));
                }
            }
            return new Sites(entry, left);
        }

        /** The sites still to speak, each with where it starts. */
        synchronized Map<String, Progress> left() {
            return Map.copyOf(left);
        }

        /** The share of {@code siteId}. */
        Tracking site(final String siteId) {
            return new Tracking() {
                @Override
                public void progress(final Progress progress) {
                    synchronized (Sites.this) {
                        if (left.containsKey(siteId)) {
                            left.put(siteId, progress);
                            entry.progress(mark(left));
                        }
                    }
                }

                @Override
                public void complete() {
                    synchronized (Sites.this) {
                        if (left.remove(siteId) == null) {
                            return;
                        }
                        if (left.isEmpty()) {
                            entry.complete();
                        } else {
                            try {
                                entry.progress(mark(left));
                            } catch (java.io.UncheckedIOException e) {
                                // a crash now would play this site again: at least once, never lost
                                org.slf4j.LoggerFactory.getLogger(SayJournal.class)
                                        .warn("say progress not journaled: {}", e.getMessage());
                            }
                        }
                    }
                }
            };
        }

        /** Every site left is done (the say is refused or dropped as a whole). */
        synchronized void completeAll() {
            left.clear();
            entry.complete();
        }

        private static String mark(final Map<String, Progress> sites) {
            final Map<String, String> marks = new LinkedHashMap<>();
            sites.forEach((site, p) -> marks.put(site, p.mark()));
            try {
                return JSON.writeValueAsString(marks);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
