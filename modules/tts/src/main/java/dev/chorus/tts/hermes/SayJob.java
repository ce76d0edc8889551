package dev.chorus.tts.hermes;

import dev.chorus.tts.TextToSpeech;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;

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
 */
record SayJob(
        @NonNull String siteId,
        @Nullable String id,
        @NonNull String requestId,
        @Nullable String sessionId,
        @NonNull TextToSpeech.Utterance utterance,
        @NonNull byte[] payload,
        long receivedAt) {}
