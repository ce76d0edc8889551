package dev.chorus.tts.hermes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The says accepted and not finished, in {@code CHORUS_DATA_DIR/journal/say}: a say is recorded when accepted
 * (its MQTT ack goes then, not when it is finished), its progress after each sentence sent, and it is removed
 * once its sayFinished is on the broker. After a crash the module speaks what is left of each, from its first
 * unsent sentence, and ends it with its sayFinished. Every entry is read as its sites' progress ({@link Sites});
 * a say on several sites ({@code chorus/tts/say}) is one entry holding each unfinished site's progress, removed
 * once the last site's sayFinished is out.
 */
@Singleton
class SayJournal {

    private static final Logger LOG = LoggerFactory.getLogger(SayJournal.class);

    private final Journal journal;

    SayJournal(final ModuleSettings module) {
        this.journal = Journal.open(module.dataDir().resolve("journal").resolve("say"));
    }

    Journal journal() {
        return journal;
    }

    /**
     * The progress of each site of a say that is about to be queued: a resumed entry's, from where each site
     * got; otherwise a new entry recorded now, which releases the say's MQTT ack.
     *
     * @return empty when the broker delivered again a say the previous run journaled (its copy is being
     *     spoken); {@link Sites#untracked} when the entry cannot be written (the say is spoken all the same)
     */
    Optional<Sites> sites(
            final InboundMessage message, @Nullable final Journal.Entry resumed, final List<String> siteIds) {
        if (resumed != null) {
            final Sites sites = Sites.of(resumed, siteIds);
            LOG.info("resuming a say on {} interrupted by a crash: {}", siteIds, sites.left());
            return Optional.of(sites);
        }
        try {
            return journal.record(message.topic(), message.payload(), Sites.startMark(message.topic(), siteIds))
                    .map(entry -> Sites.of(entry, siteIds));
        } catch (UncheckedIOException e) {
            LOG.warn("say on {} not journaled, a crash would lose it: {}", siteIds, e.getMessage());
            return Optional.of(Sites.untracked(siteIds));
        }
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

    /** Where one site's say writes its progress and its end: its share of its say's journal entry. */
    interface Tracking {

        /** @throws java.io.UncheckedIOException when it cannot be written */
        void progress(Progress progress);

        /** This site's sayFinished is on the broker. */
        void complete();
    }

    /**
     * A say's journal entry as its sites see it: the sites not finished yet, each with where it starts, and each
     * site's share of the entry ({@link #site}). A {@code hermes/tts/say} entry's mark is its one site's progress
     * ({@code "2 5"}); a {@code chorus/tts/say} entry's mark is a JSON object with the progress of every site not
     * finished yet ({@code {"kitchen": "2 5", "attic": "0 0"}}). A site leaves when its sayFinished is out, and
     * the entry is removed with the last one. Thread-safe: the sites speak on threads of their own.
     */
    static final class Sites {

        private static final ObjectMapper JSON = new ObjectMapper();

        /** Null when the say could not be journaled: nothing to write, a crash loses it. */
        @Nullable
        private final Journal.Entry entry;

        private final boolean oneSite;
        private final Map<String, Progress> left;

        private Sites(@Nullable final Journal.Entry entry, final boolean oneSite, final Map<String, Progress> left) {
            this.entry = entry;
            this.oneSite = oneSite;
            this.left = left;
        }

        /** The first mark of a new entry: every site at its start. */
        static String startMark(final String topic, final List<String> siteIds) {
            return mark(isOneSite(topic), atStart(siteIds));
        }

        /**
         * A new entry recorded with {@link #startMark}, or one the previous run left: only the sites its mark
         * still lists are left to speak. A {@code chorus/tts/say} mark that cannot be read (an entry written
         * before its first mark) speaks every site from its start: at least once.
         */
        static Sites of(final Journal.Entry entry, final List<String> siteIds) {
            final boolean oneSite = isOneSite(entry.topic());
            final Map<String, Progress> left = new LinkedHashMap<>();
            if (oneSite) {
                siteIds.forEach(site -> left.put(site, Progress.parse(entry.progress())));
                return new Sites(entry, true, left);
            }
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
            return new Sites(entry, false, left);
        }

        /** A say that could not be journaled: every site from its start, no share to write to. */
        static Sites untracked(final List<String> siteIds) {
            return new Sites(null, false, atStart(siteIds)); // no mark is ever written: its form does not matter
        }

        private static Map<String, Progress> atStart(final List<String> siteIds) {
            final Map<String, Progress> all = new LinkedHashMap<>();
            siteIds.forEach(s -> all.put(s, Progress.START));
            return all;
        }

        private static boolean isOneSite(final String topic) {
            return topic.equals(Topics.TTS_SAY);
        }

        /** The sites still to speak, each with where it starts. */
        synchronized Map<String, Progress> left() {
            return Map.copyOf(left);
        }

        /** The share of {@code siteId}; null when the say is not journaled. */
        @Nullable
        Tracking site(final String siteId) {
            if (entry == null) {
                return null;
            }
            return new Tracking() {
                @Override
                public void progress(final Progress progress) {
                    synchronized (Sites.this) {
                        if (left.containsKey(siteId)) {
                            left.put(siteId, progress);
                            entry.progress(mark(oneSite, left));
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
                                entry.progress(mark(oneSite, left));
                            } catch (UncheckedIOException e) {
                                // a crash now would play this site again: at least once, never lost
                                LOG.warn("say progress not journaled: {}", e.getMessage());
                            }
                        }
                    }
                }
            };
        }

        /** Every site left is done (the say is refused or dropped as a whole). */
        synchronized void completeAll() {
            left.clear();
            if (entry != null) {
                entry.complete();
            }
        }

        /** One site: its progress as it is; several: a JSON object of them. */
        private static String mark(final boolean oneSite, final Map<String, Progress> sites) {
            if (oneSite) {
                return sites.values().stream()
                        .findFirst()
                        .orElse(Progress.START)
                        .mark();
            }
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
