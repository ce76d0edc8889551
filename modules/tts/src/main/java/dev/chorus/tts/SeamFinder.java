package dev.chorus.tts;

/**
 * Chooses where to cut the first sentence's audio into a head that can be sent while the rest is
 * still being synthesized, looking at the samples as they arrive. The cut lies in a quiet 10 ms window
 * (a pause between words or a stop's closure) at least {@value #MIN_SPEECH_MS} ms after the speech starts
 * and not before {@code minHeadMs}: the audio server may leave a short gap between two playBytes, which
 * is inaudible there. When no window is quiet within {@value #SEARCH_MS} ms, the quietest one is taken.
 *
 * <p>The choice depends only on the samples up to the window it picks (windows on a fixed grid from the
 * start), so feeding the audio in any steps gives the same cut. One instance per sentence; not thread-safe.
 */
final class SeamFinder {

    static final int WINDOW_MS = 10;
    /** RMS of a window where speech has started (peaks of MaryTTS's voice are 5000-10000). */
    static final double SPEECH_RMS = 1000;
    /** RMS of a window quiet enough to cut in (about -38 dBFS; MaryTTS's pauses are below 100). */
    static final double QUIET_RMS = 400;

    static final long MIN_SPEECH_MS = 400;
    static final long SEARCH_MS = 600;

    private final int window;
    private final int alignment;
    private final long minHeadWindows;
    private int next; // first window not looked at yet
    private int onset = -1; // window where speech starts
    private int best = -1; // quietest window so far in the search range
    private double bestRms = Double.MAX_VALUE;
    private int cut = -1;

    /**
     * @param sampleRate of the samples offered
     * @param alignment  the cut is a multiple of this ({@link Resampler#alignment})
     * @param minHeadMs  the head is at least this long (to cover the time the rest takes)
     */
    SeamFinder(final int sampleRate, final int alignment, final long minHeadMs) {
        this.window = Math.max(1, sampleRate * WINDOW_MS / 1000);
        this.alignment = alignment;
        this.minHeadWindows = (minHeadMs + WINDOW_MS - 1) / WINDOW_MS;
    }

    /** The cut in {@code samples[0, count)} once it is decided, else -1; {@code count} only grows. */
    int offer(final short[] samples, final int count) {
        while (cut < 0 && (long) (next + 1) * window <= count) {
            final int w = next++;
            final double rms = rms(samples, w * window, window);
            if (onset < 0) {
                if (rms >= SPEECH_RMS) {
                    onset = w;
                }
                continue;
            }
            final long earliest = Math.max(onset + MIN_SPEECH_MS / WINDOW_MS, minHeadWindows);
            if (w < earliest) {
                continue;
            }
            if (rms < bestRms) {
                best = w;
                bestRms = rms;
            }
            if (rms < QUIET_RMS || w >= earliest + SEARCH_MS / WINDOW_MS - 1) {
                cut = at(best, count);
            }
        }
        return cut;
    }

    /**
     * The cut once all the audio is there: as {@link #offer}, else (short audio) the quietest window
     * after the first one, else the middle; between 0 and {@code count}.
     */
    int finish(final short[] samples, final int count) {
        if (offer(samples, count) >= 0) {
            return cut;
        }
        if (best < 0) {
            double quietest = Double.MAX_VALUE;
            for (int w = 1; (long) (w + 1) * window <= count; w++) {
                final double rms = rms(samples, w * window, window);
                if (rms < quietest) {
                    quietest = rms;
                    best = w;
                }
            }
        }
        cut = best < 0 ? align(count / 2, count) : at(best, count);
        return cut;
    }

    private int at(final int w, final int count) {
        return align(w * window + window / 2, count);
    }

    private int align(final int position, final int count) {
        final int aligned = position / alignment * alignment;
        return aligned > 0 && aligned < count ? aligned : Math.max(0, (count - 1) / alignment * alignment);
    }

    static double rms(final short[] samples, final int from, final int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return Math.sqrt(sum / length);
    }
}
