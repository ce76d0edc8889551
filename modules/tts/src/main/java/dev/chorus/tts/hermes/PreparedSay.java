package dev.chorus.tts.hermes;

import dev.chorus.tts.TextToSpeech;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;

/**
 * A say checked and split, not yet on any site: what its {@link SayJob}s share, one per site
 * ({@code hermes/tts/say} names one, {@code chorus/tts/say} several, all playing the same audio).
 *
 * @param id         the say's {@code id}, echoed in sayFinished and errors; null when the say had none
 * @param requestId  playBytes requestId of the last chunk: {@code id}, or a new UUID when {@code id} is null
 *                   or cannot be a topic level
 * @param sessionId  echoed in sayFinished and errors
 * @param utterance  the text, checked and split, nothing synthesized yet
 * @param payload    the say as received, for error reports
 * @param receivedAt {@link System#nanoTime()} when the say arrived
 */
record PreparedSay(
        @Nullable String id,
        @NonNull String requestId,
        @Nullable String sessionId,
        @NonNull TextToSpeech.Utterance utterance,
        @NonNull byte[] payload,
        long receivedAt) {}
