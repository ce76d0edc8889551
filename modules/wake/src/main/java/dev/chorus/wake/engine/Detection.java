package dev.chorus.wake.engine;

/**
 * A wake word heard.
 *
 * @param wakeWordId the model's id
 * @param score      the model's output, 0..1, at or above the threshold
 * @param endSample  the sample count of the site's stream at the end of the chunk that fired
 */
public record Detection(String wakeWordId, float score, long endSample) {}
