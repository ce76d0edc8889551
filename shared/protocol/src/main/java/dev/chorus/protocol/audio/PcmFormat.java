package dev.chorus.protocol.audio;

import java.time.Duration;

/**
 * Integer PCM, little-endian, interleaved: 8-bit samples are unsigned (WAV convention), wider ones signed.
 *
 * @param sampleRate    frames per second
 * @param channels      samples per frame
 * @param bitsPerSample 8, 16, 24 or 32
 */
public record PcmFormat(int sampleRate, int channels, int bitsPerSample) {

    public PcmFormat {
        if (sampleRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "sample rate and channels must be positive: " + sampleRate + " Hz, " + channels + " channels");
        }
        if (bitsPerSample != 8 && bitsPerSample != 16 && bitsPerSample != 24 && bitsPerSample != 32) {
            throw new IllegalArgumentException("bits per sample must be 8, 16, 24 or 32: " + bitsPerSample);
        }
    }

    /** 16-bit mono, what the tts module writes. */
    public static PcmFormat mono16(int sampleRate) {
        return new PcmFormat(sampleRate, 1, 16);
    }

    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** Bytes per frame (WAV {@code blockAlign}). */
    public int frameSize() {
        return channels * bytesPerSample();
    }

    public long frames(long bytes) {
        return bytes / frameSize();
    }

    /** How long {@code bytes} of audio in this format take to play, rounded up to the nanosecond. */
    public long durationNanos(long bytes) {
        long frames = frames(bytes);
        long whole = frames / sampleRate;
        long rest = frames % sampleRate;
        return whole * 1_000_000_000L + (rest * 1_000_000_000L + sampleRate - 1) / sampleRate;
    }

    public Duration duration(long bytes) {
        return Duration.ofNanos(durationNanos(bytes));
    }

    public PcmFormat withBitsPerSample(int bits) {
        return new PcmFormat(sampleRate, channels, bits);
    }

    @Override
    public String toString() {
        return bitsPerSample + "-bit " + sampleRate + " Hz " + (channels == 1 ? "mono" : channels + " channels");
    }
}
