package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rational-ratio sample-rate converter: a polyphase windowed-sinc (Kaiser) low-pass, so
 * downsampling MaryTTS's 48 kHz to 16 kHz removes everything above the new Nyquist instead of
 * folding it back as aliasing. Pass band to 90% of the lower Nyquist, stop band attenuation
 * about 80 dB, linear phase, no delay (the filter is centred).
 * Thread-safe; filters are built once per rate pair.
 */
public final class Resampler {

    private static final double PASS_FRACTION = 0.90;
    private static final double STOPBAND_DB = 80.0;
    private static final Map<Long, Resampler> CACHE = new ConcurrentHashMap<>();

    private final int up;
    private final int down;
    private final int center;
    private final int length;
    /** phases[r][k] = h[r + k * up], the taps that meet input samples for output phase r. */
    private final double[][] phases;

    private Resampler(final int from, final int to) {
        final int g = gcd(from, to);
        this.up = to / g;
        this.down = from / g;
        final double nyquist = 0.5 * Math.min(from, to);
        // pass band ends at PASS_FRACTION of the lower Nyquist, stop band starts at it; the
        // cut-off (-6 dB) sits half way
        final double transition = (1 - PASS_FRACTION) * nyquist;
        final double cutoff = nyquist - transition / 2;
        // Kaiser's formulas: taps at the input rate for the wanted attenuation and transition width.
        final double beta = 0.1102 * (STOPBAND_DB - 8.7);
        final int tapsAtInputRate = (int) Math.ceil((STOPBAND_DB - 7.95) / (14.36 * transition / from)) + 1;
        int n = tapsAtInputRate * up;
        if (n % 2 == 0) {
            n++;
        }
        this.length = n;
        this.center = (n - 1) / 2;
        final double fcUp = cutoff / ((double) from * up); // cycles per upsampled sample
        final double i0Beta = besselI0(beta);
        final double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            final double t = i - center;
            final double sinc = t == 0 ? 1.0 : Math.sin(2 * Math.PI * fcUp * t) / (2 * Math.PI * fcUp * t);
            final double ratio = t / center;
            final double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / i0Beta;
            h[i] = up * 2 * fcUp * sinc * window;
        }
        this.phases = new double[up][];
        for (int r = 0; r < up; r++) {
            final int count = (n - r + up - 1) / up;
            final double[] taps = new double[count];
            for (int k = 0; k < count; k++) {
                taps[k] = h[r + k * up];
            }
            phases[r] = taps;
        }
    }

    /** Converts mono 16-bit samples from one rate to another. */
    @NonNull
    public static short[] resample(@NonNull final short[] in, final int from, final int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("sample rates must be > 0: " + from + " -> " + to);
        }
        if (from == to) {
            return in.clone();
        }
        return of(from, to).apply(in);
    }

    /**
     * Input positions where audio may be cut so that the two parts resampled separately give exactly the
     * samples of the whole (with {@link #prefix}): multiples of this.
     */
    public static int alignment(final int from, final int to) {
        return from == to ? 1 : of(from, to).down;
    }

    /**
     * Input samples past a cut that {@link #prefix} needs: the filter reaches this far ahead. A
     * {@code count} of at least {@code cut + lookahead} makes the prefix final.
     */
    public static int lookahead(final int from, final int to) {
        return from == to ? 0 : of(from, to).center / of(from, to).up + 1;
    }

    /**
     * The first {@code cut * to / from} output samples of resampling {@code in[0, count)}, exactly as
     * resampling the whole audio gives them once {@code count >= cut + lookahead(from, to)}, so that a
     * sentence can be resampled and sent in two parts without any seam. {@code cut} must be a multiple of
     * {@link #alignment}.
     */
    @NonNull
    public static short[] prefix(
            @NonNull final short[] in, final int count, final int cut, final int from, final int to) {
        if (cut % alignment(from, to) != 0 || cut > count) {
            throw new IllegalArgumentException(
                    "cut " + cut + " is not a multiple of " + alignment(from, to) + " within " + count + " samples");
        }
        if (from == to) {
            return Arrays.copyOf(in, cut);
        }
        final Resampler r = of(from, to);
        final short[] head = r.apply(Arrays.copyOf(in, Math.min(count, cut + lookahead(from, to))));
        return Arrays.copyOf(head, (int) ((long) cut * r.up / r.down));
    }

    private static Resampler of(final int from, final int to) {
        return CACHE.computeIfAbsent(((long) from << 32) | to, key -> new Resampler(from, to));
    }

    /** Converts a mono WAV to {@code rate}; returns it unchanged when it already has that rate. */
    @NonNull
    public static Pcm16 resample(@NonNull final Pcm16 wav, final int rate) {
        if (wav.channels() != 1) {
            throw new IllegalArgumentException("only mono can be resampled, got " + wav.format());
        }
        if (wav.sampleRate() == rate) {
            return wav;
        }
        return Pcm16.mono(rate, resample(wav.samples(), wav.sampleRate(), rate));
    }

    private short[] apply(final short[] x) {
        final int outLength = (int) (((long) x.length * up + down - 1) / down);
        final short[] y = new short[outLength];
        for (int m = 0; m < outLength; m++) {
            final long q = (long) m * down + center; // position in the upsampled signal, delay removed
            final int phase = (int) (q % up);
            final int newest = (int) (q / up);
            final double[] taps = phases[phase];
            // x[newest - k] meets taps[k]; clamp k so the input index stays in range
            final int kFirst = Math.max(0, newest - (x.length - 1));
            final int kLast = Math.min(taps.length - 1, newest);
            double acc = 0;
            for (int k = kFirst; k <= kLast; k++) {
                acc += taps[k] * x[newest - k];
            }
            y[m] = Pcm16.clip(Math.round(acc));
        }
        return y;
    }

    /** Filter length at the upsampled rate (for tests and the README). */
    int length() {
        return length;
    }

    private static int gcd(final int a, final int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    private static double besselI0(final double x) {
        double sum = 1;
        double term = 1;
        final double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
