package dev.chorus.protocol.audio;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Integer PCM of any {@link PcmFormat} (what {@link Wav} reads) to what every Hermes
 * audio frame carries: 16 kHz, mono, signed 16-bit little-endian. Channels are averaged, the rate is changed by a
 * {@link Resampler}, samples are rounded to 16 bits. Audio that already has that format passes unchanged, byte
 * for byte. Streams: {@link #convert} takes pieces of any size (a device's reads), {@link #flush} ends the stream.
 */
public final class PcmConverter {

    public static final int RATE = 16_000;
    public static final PcmFormat TARGET = PcmFormat.mono16(RATE);

    private final PcmFormat from;
    private final Resampler resampler;
    /** A partial frame left over from the last piece. */
    private byte[] rest = new byte[0];

    public PcmConverter(PcmFormat from) {
        this.from = from;
        this.resampler = from.sampleRate() == RATE ? null : new Resampler(from.sampleRate(), RATE);
    }

    /** A whole file's samples, converted. */
    public static byte[] toTarget(PcmFormat from, byte[] samples) {
        PcmConverter c = new PcmConverter(from);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(c.convert(samples));
        out.writeBytes(c.flush());
        return out.toByteArray();
    }

    /** A whole WAV's audio as 16 kHz mono samples (what the recognisers and wake-word models read). */
    public static short[] toSamples(Wav.Audio audio) {
        byte[] pcm = toTarget(audio.format(), audio.samples());
        short[] out = new short[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
        }
        return out;
    }

    public boolean isIdentity() {
        return from.equals(TARGET);
    }

    public byte[] convert(byte[] piece) {
        if (isIdentity() && rest.length == 0 && piece.length % 2 == 0) {
            return piece.clone();
        }
        byte[] data = join(rest, piece);
        int frameSize = from.frameSize();
        int whole = data.length - data.length % frameSize;
        rest = Arrays.copyOfRange(data, whole, data.length);
        double[] mono = mono(data, whole);
        return toBytes(resampler == null ? mono : resampler.process(mono));
    }

    /** The end of the stream: what the resampler still holds (nothing when the rate was 16 kHz). */
    public byte[] flush() {
        rest = new byte[0];
        return resampler == null ? new byte[0] : toBytes(resampler.flush());
    }

    private double[] mono(byte[] data, int length) {
        int width = from.bytesPerSample();
        int channels = from.channels();
        int frames = length / from.frameSize();
        double[] mono = new double[frames];
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            int at = f * from.frameSize();
            for (int c = 0; c < channels; c++) {
                sum += sample(data, at + c * width, width);
            }
            mono[f] = sum / channels;
        }
        return mono;
    }

    /** One sample as a fraction of full scale, -1 .. 1 (8-bit WAV samples are unsigned). */
    private static double sample(byte[] b, int i, int width) {
        return switch (width) {
            case 1 -> ((b[i] & 0xFF) - 128) / 128.0;
            case 2 -> (short) ((b[i] & 0xFF) | (b[i + 1] << 8)) / 32768.0;
            case 3 -> ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | b[i + 2] << 16) / 8388608.0;
            default ->
                ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24) / 2147483648.0;
        };
    }

    private static byte[] toBytes(double[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            long v = Math.round(samples[i] * 32768.0);
            v = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            out[2 * i] = (byte) v;
            out[2 * i + 1] = (byte) (v >> 8);
        }
        return out;
    }

    private static byte[] join(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
