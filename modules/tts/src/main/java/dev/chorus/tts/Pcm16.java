package dev.chorus.tts;

import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import io.micronaut.core.annotation.NonNull;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;

/**
 * Immutable 16-bit signed PCM samples with their rate: what MaryTTS renders, the resampler and the volume work
 * on, and the render cache and {@code playBytes} carry as WAV ({@link #toWav()}, {@link #fromWav(byte[])},
 * through the one codec, {@link Wav}).
 */
public final class Pcm16 {

    private final int sampleRate;
    private final int channels;
    private final short[] samples;

    private Pcm16(final int sampleRate, final int channels, final short[] samples) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be > 0, got " + sampleRate);
        }
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be > 0, got " + channels);
        }
        if (samples.length % channels != 0) {
            throw new IllegalArgumentException(
                    samples.length + " samples do not divide into " + channels + " channels");
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samples = samples;
    }

    /** Mono samples (copied). */
    @NonNull
    public static Pcm16 mono(final int sampleRate, @NonNull final short[] samples) {
        return new Pcm16(sampleRate, 1, samples.clone());
    }

    /** {@code millis} of mono silence. */
    @NonNull
    public static Pcm16 silence(final int sampleRate, final long millis) {
        return new Pcm16(sampleRate, 1, new short[(int) (sampleRate * millis / 1000)]);
    }

    /** The samples of a 16-bit PCM WAV file; anything else is refused with the codec's reason. */
    @NonNull
    public static Pcm16 fromWav(@NonNull final byte[] bytes) {
        final Wav.Audio audio;
        try {
            audio = Wav.parse(bytes);
        } catch (InvalidAudioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        final PcmFormat format = audio.format();
        if (format.bitsPerSample() != 16) {
            throw new IllegalArgumentException(
                    "WAV has " + format.bitsPerSample() + " bits per sample, only 16 is supported");
        }
        final short[] samples = new short[audio.samples().length / 2];
        ByteBuffer.wrap(audio.samples())
                .order(ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer()
                .get(samples);
        return new Pcm16(format.sampleRate(), format.channels(), samples);
    }

    /** Joins samples of the same rate and channel count, end to end. */
    @NonNull
    public static Pcm16 concat(@NonNull final List<Pcm16> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        final Pcm16 first = parts.get(0);
        int total = 0;
        for (final Pcm16 part : parts) {
            if (part.sampleRate != first.sampleRate || part.channels != first.channels) {
                throw new IllegalArgumentException("cannot join " + part.format() + " to " + first.format());
            }
            total += part.samples.length;
        }
        final short[] joined = new short[total];
        int at = 0;
        for (final Pcm16 part : parts) {
            System.arraycopy(part.samples, 0, joined, at, part.samples.length);
            at += part.samples.length;
        }
        return new Pcm16(first.sampleRate, first.channels, joined);
    }

    /** A WAV file of these samples (the codec's canonical 44-byte header). */
    @NonNull
    public byte[] toWav() {
        final ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.asShortBuffer().put(samples);
        return Wav.write(new PcmFormat(sampleRate, channels, 16), data.array());
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

    /** These samples with every sample multiplied by {@code gain} (clipped to 16 bits). */
    @NonNull
    public Pcm16 scaled(final double gain) {
        if (gain == 1.0) {
            return this;
        }
        final short[] out = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = clip(Math.round(samples[i] * gain));
        }
        return new Pcm16(sampleRate, channels, out);
    }

    /** "16000 Hz, 1 ch, 16 bit". */
    @NonNull
    public String format() {
        return sampleRate + " Hz, " + channels + " ch, 16 bit";
    }

    @Override
    public String toString() {
        return "Pcm16[" + format() + ", " + duration().toMillis() + " ms]";
    }

    static short clip(final long value) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
