package dev.chorus.audio;

import dev.chorus.protocol.audio.PcmFormat;

/** Sample arithmetic on integer PCM in {@link PcmFormat}'s layout. */
public final class Samples {

    private Samples() {}

    /**
     * The samples multiplied by {@code volume} (0 = silence, 1 = unchanged, above 1 amplifies and clips),
     * rounded to the nearest step. A new array; the input is not changed.
     */
    public static byte[] scale(PcmFormat format, byte[] samples, double volume) {
        if (!(volume >= 0) || Double.isInfinite(volume)) {
            throw new IllegalArgumentException("volume must be a finite number >= 0: " + volume);
        }
        byte[] out = samples.clone();
        if (volume == 1.0) {
            return out;
        }
        int width = format.bytesPerSample();
        int end = samples.length - samples.length % width;
        switch (width) {
            case 1 -> {
                for (int i = 0; i < end; i++) {
                    int s = (samples[i] & 0xFF) - 128;
                    out[i] = (byte) (clamp(Math.round(s * volume), -128, 127) + 128);
                }
            }
            case 2 -> {
                for (int i = 0; i < end; i += 2) {
                    int s = (short) ((samples[i] & 0xFF) | (samples[i + 1] << 8));
                    long v = clamp(Math.round(s * volume), Short.MIN_VALUE, Short.MAX_VALUE);
                    out[i] = (byte) v;
                    out[i + 1] = (byte) (v >> 8);
                }
            }
            case 3 -> {
                for (int i = 0; i < end; i += 3) {
                    int s = (samples[i] & 0xFF) | (samples[i + 1] & 0xFF) << 8 | samples[i + 2] << 16;
                    long v = clamp(Math.round(s * volume), -(1 << 23), (1 << 23) - 1);
                    out[i] = (byte) v;
                    out[i + 1] = (byte) (v >> 8);
                    out[i + 2] = (byte) (v >> 16);
                }
            }
            case 4 -> {
                for (int i = 0; i < end; i += 4) {
                    int s = (samples[i] & 0xFF)
                            | (samples[i + 1] & 0xFF) << 8
                            | (samples[i + 2] & 0xFF) << 16
                            | samples[i + 3] << 24;
                    long v = clamp(Math.round(s * volume), Integer.MIN_VALUE, Integer.MAX_VALUE);
                    out[i] = (byte) v;
                    out[i + 1] = (byte) (v >> 8);
                    out[i + 2] = (byte) (v >> 16);
                    out[i + 3] = (byte) (v >> 24);
                }
            }
            default -> throw new IllegalArgumentException("unsupported sample width " + width);
        }
        return out;
    }

    /** The samples as signed 16-bit (the most significant bits kept), for devices that take nothing else. */
    public static byte[] toSigned16(PcmFormat format, byte[] samples) {
        int width = format.bytesPerSample();
        if (width == 2) {
            return samples.clone();
        }
        int count = samples.length / width;
        byte[] out = new byte[count * 2];
        for (int n = 0; n < count; n++) {
            int i = n * width;
            int hi;
            int lo;
            if (width == 1) {
                int s = ((samples[i] & 0xFF) - 128) << 8;
                lo = s;
                hi = s >> 8;
            } else {
                lo = samples[i + width - 2];
                hi = samples[i + width - 1];
            }
            out[2 * n] = (byte) lo;
            out[2 * n + 1] = (byte) hi;
        }
        return out;
    }

    /** The largest absolute sample value, as a fraction of full scale (0..1). */
    public static double peak(PcmFormat format, byte[] samples) {
        byte[] s16 = toSigned16(format, samples);
        int peak = 0;
        for (int i = 0; i + 1 < s16.length; i += 2) {
            int s = (short) ((s16[i] & 0xFF) | (s16[i + 1] << 8));
            peak = Math.max(peak, Math.abs(s));
        }
        return peak / 32768.0;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
