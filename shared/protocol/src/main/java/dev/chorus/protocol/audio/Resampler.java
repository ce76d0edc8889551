package dev.chorus.protocol.audio;

/**
 * Band-limited sample-rate conversion of a mono stream (windowed-sinc interpolation, Blackman window, 16 zero
 * crossings each side), fed in pieces of any size: the output of the pieces joined equals the output of the whole.
 * Going down, the cut-off is 90 % of the new Nyquist frequency, so nothing above it folds back into speech.
 * Unity gain at DC (the weights of each output sample are normalised).
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 16;
    /** Kernel table points per input sample; linear interpolation between them. */
    private static final int TABLE_STEPS = 256;

    private final long inRate;
    private final long outRate;
    private final double step;
    private final double cutoff;
    private final int half;
    private final double[] kernel;

    /** Inputs not consumed yet; {@code buf[0]} is input sample {@code base}. */
    private double[] buf;

    private int len;
    /** Where the next output sample falls, in input samples from {@code buf[0]}. */
    private double pos;

    private long inTotal;
    private long outTotal;

    Resampler(int inRate, int outRate) {
        this.inRate = inRate;
        this.outRate = outRate;
        this.step = (double) inRate / outRate;
        this.cutoff = inRate > outRate ? 0.9 * outRate / inRate : 0.95;
        this.half = (int) Math.ceil(ZERO_CROSSINGS / cutoff);
        this.kernel = kernel(half, cutoff);
        // the first output sample sits on input 0, with half a window of silence before it
        this.buf = new double[Math.max(1024, 4 * half)];
        this.len = half;
        this.pos = half;
    }

    /** The output for {@code samples} (more input may be needed before the last few come out). */
    double[] process(double[] samples) {
        append(samples, samples.length);
        inTotal += samples.length;
        return drain(Long.MAX_VALUE);
    }

    /** The rest of the output: the stream is treated as followed by silence, up to its length at the new rate. */
    double[] flush() {
        append(new double[half + 1], half + 1);
        long expected = (inTotal * outRate + inRate - 1) / inRate;
        return drain(expected);
    }

    private double[] drain(long upTo) {
        int count = 0;
        double p = pos;
        while (outTotal + count < upTo && (int) Math.floor(p) + half < len) {
            count++;
            p += step;
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = sample(pos);
            pos += step;
        }
        outTotal += count;
        int drop = Math.max(0, (int) Math.floor(pos) - half + 1);
        drop = Math.min(drop, len);
        System.arraycopy(buf, drop, buf, 0, len - drop);
        len -= drop;
        pos -= drop;
        return out;
    }

    private double sample(double p) {
        int center = (int) Math.floor(p);
        double sum = 0;
        double weights = 0;
        for (int k = center - half + 1; k <= center + half; k++) {
            double w = weight(Math.abs(k - p));
            sum += buf[k] * w;
            weights += w;
        }
        return weights == 0 ? 0 : sum / weights;
    }

    private double weight(double distance) {
        double at = distance * TABLE_STEPS;
        int i = (int) at;
        if (i >= kernel.length - 1) {
            return 0;
        }
        double frac = at - i;
        return kernel[i] + (kernel[i + 1] - kernel[i]) * frac;
    }

    private void append(double[] samples, int n) {
        if (len + n > buf.length) {
            double[] bigger = new double[Math.max(buf.length * 2, len + n)];
            System.arraycopy(buf, 0, bigger, 0, len);
            buf = bigger;
        }
        System.arraycopy(samples, 0, buf, len, n);
        len += n;
    }

    /** sinc(cutoff · x) · Blackman(x / half) for x = 0 .. half input samples. */
    private static double[] kernel(int half, double cutoff) {
        double[] k = new double[half * TABLE_STEPS + 2];
        for (int i = 0; i < k.length; i++) {
            double x = (double) i / TABLE_STEPS;
            if (x >= half) {
                k[i] = 0;
                continue;
            }
            double arg = Math.PI * cutoff * x;
            double sinc = x == 0 ? 1 : Math.sin(arg) / arg;
            double t = Math.PI * x / half;
            double window = 0.42 + 0.5 * Math.cos(t) + 0.08 * Math.cos(2 * t);
            k[i] = sinc * window;
        }
        return k;
    }
}
