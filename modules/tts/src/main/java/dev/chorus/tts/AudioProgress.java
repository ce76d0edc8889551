package dev.chorus.tts;

/**
 * Sees a synthesis's audio while MaryTTS produces it (its HMM vocoder streams), so the start of a
 * sentence can be used before the end exists. Called on the synthesizing thread after every read.
 */
@FunctionalInterface
public interface AudioProgress {

    /** Ignores the progress. */
    AudioProgress NONE = (samples, count, sampleRate) -> {};

    /**
     * {@code samples[0, count)} is the audio so far, mono 16-bit at {@code sampleRate}; the array is
     * the reader's own buffer (it grows, so it may be another array next time): copy what you keep,
     * change nothing.
     */
    void audio(short[] samples, int count, int sampleRate);
}
