package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable 16-bit signed little-endian PCM WAV: what Hermes {@code playBytes} carries.
 * {@link #toBytes()} writes the canonical 44-byte RIFF header; {@link #parse(byte[])} reads any
 * 16-bit PCM WAV (skipping LIST/INFO and other chunks).
 */
public final class Wav {

    private static final int HEADER_BYTES = 44;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    private final int sampleRate;
    private final int channels;
    private final short[] samples;

    private Wav(final int sampleRate, final int channels, final short[] samples) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, got " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples do not divide into " + channels + " channels");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samples = samples;
    }

    /** A mono WAV of the given samples (copied). */
    @NonNull
    public static Wav mono(final int sampleRate, @NonNull final short[] samples) {
        return new Wav(sampleRate, 1, samples.clone());
    }

    /** A mono WAV of {@code millis} of silence. */
    @NonNull
    public static Wav silence(final int sampleRate, final long millis) {
        return new Wav(sampleRate, 1, new short[(int) (sampleRate * millis / 1000)]);
    }

    /** Reads a 16-bit PCM RIFF/WAVE file. */
    @NonNull
    public static Wav parse(@NonNull final byte[] bytes) {
        final ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || !tag(bytes, 0).equals("RIFF") || !tag(bytes, 8).equals("WAVE")) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int pos = 12;
        int rate = -1;
        int channels = -1;
        while (pos + 8 <= bytes.length) {
            final String id = tag(bytes, pos);
            final long size = Integer.toUnsignedLong(buf.getInt(pos + 4));
            final int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + 16 > bytes.length) {
                    throw new IllegalArgumentException("fmt chunk too short");
                }
                final int format = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                rate = buf.getInt(body + 4);
                final int bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (format != FORMAT_PCM && format != FORMAT_EXTENSIBLE) {
                    throw new IllegalArgumentException("WAV format " + format + " is not PCM");
                }
                if (bits != 16) {
                    throw new IllegalArgumentException("WAV has " + bits + " bits per sample, only 16 is supported");
                }
            } else if (id.equals("data")) {
                if (rate < 0) {
                    throw new IllegalArgumentException("data chunk before fmt chunk");
                }
                // Streams written before their length is known carry 0 or 0xFFFFFFFF: take the rest.
                final long available = bytes.length - body;
                final int length = (int) ((size == 0 || size > available) ? available : size) & ~1;
                final short[] samples = new short[length / 2];
                buf.position(body);
                buf.asShortBuffer().get(samples);
                final int whole = samples.length - samples.length % channels;
                return new Wav(rate, channels, whole == samples.length ? samples : Arrays.copyOf(samples, whole));
            }
            pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
        }
        throw new IllegalArgumentException("WAV has no data chunk");
    }

    /** Joins WAVs of the same format, end to end. */
    @NonNull
    public static Wav concat(@NonNull final List<Wav> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        final Wav first = parts.get(0);
        int total = 0;
        for (final Wav part : parts) {
            if (part.sampleRate != first.sampleRate || part.channels != first.channels) {
                throw new IllegalArgumentException("cannot join " + part.format() + " to " + first.format());
            }
            total += part.samples.length;
        }
        final short[] joined = new short[total];
        int at = 0;
        for (final Wav part : parts) {
            System.arraycopy(part.samples, 0, joined, at, part.samples.length);
            at += part.samples.length;
        }
        return new Wav(first.sampleRate, first.channels, joined);
    }

    /** The complete file: 44-byte RIFF header + data. */
    @NonNull
    public byte[] toBytes() {
        final int dataBytes = samples.length * 2;
        final ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) FORMAT_PCM).putShort((short) channels)
                .putInt(sampleRate).putInt(sampleRate * channels * 2)
                .putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        buf.asShortBuffer().put(samples);
        return buf.array();
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channels() {
        return channels;
    }

    public int bitsPerSample() {
        return 16;
    }

    /** Number of frames (samples per channel). */
    public int frames() {
        return samples.length / channels;
    }

    /** The interleaved samples (a copy). */
    @NonNull
    public short[] samples() {
        return samples.clone();
    }

    @NonNull
    public Duration duration() {
        return Duration.ofNanos(frames() * 1_000_000_000L / sampleRate);
    }

    /** Root mean square level, 0..1 of full scale. */
    public double rms() {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (final short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length) / 32768.0;
    }

    /** Peak level, 0..1 of full scale. */
    public double peak() {
        int max = 0;
        for (final short s : samples) {
            max = Math.max(max, Math.abs((int) s));
        }
        return max / 32768.0;
    }

    /** True when the peak is below {@code threshold} (0..1 of full scale). */
    public boolean isSilent(final double threshold) {
        return peak() < threshold;
    }

    /** This WAV with every sample multiplied by {@code gain} (clipped to 16 bits). */
    @NonNull
    public Wav scaled(final double gain) {
        if (gain == 1.0) {
            return this;
        }
        final short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = clip(Math.round(samples[i] * gain));
        }
        return new Wav(sampleRate, channels, out);
    }

    /** "16000 Hz, 1 ch, 16 bit". */
    @NonNull
    public String format() {
        return sampleRate + " Hz, " + channels + " ch, 16 bit";
    }

    @Override
    public String toString() {
        return "Wav[" + format() + ", " + duration().toMillis() + " ms]";
    }

    static short clip(final long value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }

    private static String tag(final byte[] bytes, final int at) {
        return new String(bytes, at, 4, StandardCharsets.US_ASCII);
    }
}
