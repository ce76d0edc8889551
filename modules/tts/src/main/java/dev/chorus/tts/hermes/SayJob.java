package dev.chorus.tts.hermes;

import dev.chorus.tts.TextToSpeech;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * One accepted {@code hermes/tts/say}, checked and split into chunks, waiting for its site.
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
