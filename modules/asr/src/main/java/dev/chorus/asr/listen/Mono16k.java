package dev.chorus.asr.listen;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;

/**
 * Brings any integer PCM the WAV codec reads to what the recogniser reads: 16 kHz, mono, 16-bit samples. Channels
 * are averaged; other rates are resampled (averaging the input samples each output sample spans when going down,
 * which also keeps most aliasing out; linear interpolation when going up). Good enough for speech; microphones
 * should still send 16 kHz mono (what Rhasspy asks for), which passes through untouched.
 */
public final class Mono16k {

    public static final int RATE = 16_000;
    public static final PcmFormat FORMAT = PcmFormat.mono16(RATE);

    private Mono16k() {}

    public static short[] convert(Wav.Audio audio) {
        PcmFormat format = audio.format();
        short[] mono = downmix(audio.samples(), format);
        return format.sampleRate() == RATE ? mono : resample(mono, format.sampleRate());
    }

    private static short[] downmix(byte[] bytes, PcmFormat format) {
        int bytesPerSample = format.bytesPerSample();
        int channels = format.channels();
        int frames = (int) format.frames(bytes.length);
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample16(bytes, (f * channels + c) * bytesPerSample, bytesPerSample);
            }
            out[f] = (short) (sum / channels);
        }
        return out;
    }

    /** One little-endian sample as a signed 16-bit value (8-bit WAV is unsigned). */
    private static int sample16(byte[] b, int at, int bytesPerSample) {
        return switch (bytesPerSample) {
            case 1 -> ((b[at] & 0xFF) - 128) << 8;
            case 2 -> (b[at] & 0xFF) | (b[at + 1] << 8);
            case 3 -> (b[at + 1] & 0xFF) | (b[at + 2] << 8);
            default -> (b[at + 2] & 0xFF) | (b[at + 3] << 8);
        };
    }

    private static short[] resample(short[] in, int inRate) {
        int outLength = (int) ((long) in.length * RATE / inRate);
        short[] out = new short[outLength];
        double step = (double) inRate / RATE;
        for (int i = 0; i < outLength; i++) {
            double position = i * step;
            int first = (int) position;
            if (step > 1) {
                int last = Math.min(in.length, (int) Math.ceil(position + step));
                long sum = 0;
                for (int j = first; j < last; j++) {
                    sum += in[j];
                }
                out[i] = (short) (sum / Math.max(1, last - first));
            } else {
                int next = Math.min(in.length - 1, first + 1);
                double fraction = position - first;
                out[i] = (short) Math.round(in[first] * (1 - fraction) + in[next] * fraction);
            }
        }
        return out;
    }
}
