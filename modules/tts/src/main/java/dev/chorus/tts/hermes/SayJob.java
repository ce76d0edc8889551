package dev.chorus.tts.hermes;

import dev.chorus.tts.TextToSpeech;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted say on one site, checked and split into chunks, waiting for its site ({@link #forSites}).
 *
 * @param siteId     where to play it (a valid topic level)
 * @param id         the say's {@code id}, echoed in sayFinished and errors; null when the say had none
 * @param requestId  playBytes requestId of the last chunk: {@code id}, or a new UUID when {@code id} is null
 *                   or cannot be a topic level
 * @param sessionId  echoed in sayFinished and errors
 * @param utterance  the text, checked and split, nothing synthesized yet
 * @param payload    the say as received, for error reports
 * @param receivedAt {@link System#nanoTime()} when the say arrived
 * @param entry      its journal entry or its share of one (progress, completed after sayFinished); null when it
 *                   could not be written
 * @param from       where to start: sentence 0 and playBytes 0, or where a crash interrupted it
 */
record SayJob(
        @NonNull String siteId,
        @Nullable String id,
        @NonNull String requestId,
        @Nullable String sessionId,
        @NonNull TextToSpeech.Utterance utterance,
        @NonNull byte[] payload,
        long receivedAt,
        @Nullable SayJournal.Tracking entry,
        @NonNull SayJournal.Progress from) {

    /**
     * The jobs of one say, one per site still to speak, in the order the sites were named, each starting where
     * its journal progress says and writing its progress there; a site its journal entry no longer lists
     * (finished before a crash, its sayFinished out) gets none.
     */
    static List<SayJob> forSites(final PreparedSay say, final List<String> siteIds, final SayJournal.Sites journal) {
        final Map<String, SayJournal.Progress> left = journal.left();
        final List<SayJob> jobs = new ArrayList<>();
        for (final String site : siteIds) {
            final SayJournal.Progress from = left.get(site);
            if (from != null) {
                jobs.add(new SayJob(
                        site,
                        say.id(),
                        say.requestId(),
                        say.sessionId(),
                        say.utterance(),
                        say.payload(),
                        say.receivedAt(),
                        journal.site(site),
                        from));
            }
        }
        return jobs;
    }

    /** Its sayFinished is on its way: the journal entry is removed once the broker has it. */
    void finished(final CompletableFuture<Void> sayFinished) {
        if (entry != null) {
            sayFinished.thenRun(entry::complete);
        }
    }

    /** Sentences before {@code sentence} and playBytes before {@code seq} are on the broker. */
    void progress(final int sentence, final int seq) {
        if (entry != null) {
            try {
                entry.progress(new SayJournal.Progress(sentence, seq));
            } catch (UncheckedIOException e) {
                // a crash would repeat a sentence or two: not a reason to stop speaking
                org.slf4j.LoggerFactory.getLogger(SayJob.class).warn("say progress not journaled: {}", e.getMessage());
            }
        }
    }
}
