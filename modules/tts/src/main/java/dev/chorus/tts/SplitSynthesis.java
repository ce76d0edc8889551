package dev.chorus.tts;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One sentence synthesized as a head and a tail: the head (the start of the audio, up to a quiet point
 * that {@link SeamFinder} picks) completes while MaryTTS's vocoder is still producing the rest, so its
 * playBytes can go out early; the tail completes with the synthesis. Head + tail are exactly the samples
 * of the whole sentence resampled in one go ({@link Resampler#prefix}): the split adds no seam and no pause,
 * and prosody is the whole sentence's, since MaryTTS models the sentence as one.
 */
final class SplitSynthesis {

    /** The two parts; {@code whole} is the complete audio at the output rate (for the render cache). */
    record Parts(CompletableFuture<Pcm16> head, CompletableFuture<Pcm16> tail, CompletableFuture<Pcm16> whole) {}

    private final int rate;
    private final long minHeadMs;
    private final double volume;
    private final CompletableFuture<Pcm16> head = new CompletableFuture<>();
    private SeamFinder finder;
    private int cut = -1; // in input samples, once the head is out
    private int inputRate;

    private SplitSynthesis(final int rate, final long minHeadMs, final double volume) {
        this.rate = rate;
        this.minHeadMs = minHeadMs;
        this.volume = volume;
    }

    /**
     * Starts {@code render} (native-rate audio, showing its progress) on {@code executor}; the parts come
     * scaled by {@code volume} at {@code rate}, {@code whole} unscaled.
     */
    static Parts start(
            final Function<AudioProgress, Pcm16> render,
            final Executor executor,
            final int rate,
            final long minHeadMs,
            final double volume) {
        final SplitSynthesis split = new SplitSynthesis(rate, minHeadMs, volume);
        final CompletableFuture<Pcm16> whole =
                CompletableFuture.supplyAsync(() -> Resampler.resample(render.apply(split::progress), rate), executor);
        final CompletableFuture<Pcm16> tail = whole.thenApply(split::tail);
        tail.whenComplete((ok, error) -> {
            if (error != null) {
                split.head.completeExceptionally(
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
        });
        return new Parts(split.head, tail, whole);
    }

    /** Both parts of audio that is already there (the render cache), cut where the finder says. */
    static Parts of(final Pcm16 whole, final long minHeadMs, final double volume) {
        final int at = new SeamFinder(whole.sampleRate(), 1, minHeadMs).finish(whole.samples(), whole.frames());
        final short[] samples = whole.samples();
        return new Parts(
                CompletableFuture.completedFuture(Pcm16.mono(whole.sampleRate(), Arrays.copyOf(samples, at))
                        .scaled(volume)),
                CompletableFuture.completedFuture(
                        Pcm16.mono(whole.sampleRate(), Arrays.copyOfRange(samples, at, samples.length))
                                .scaled(volume)),
                CompletableFuture.completedFuture(whole));
    }

    /** On the synthesizing thread, after every read of MaryTTS's stream. */
    private void progress(final short[] samples, final int count, final int from) {
        if (cut >= 0) {
            return;
        }
        if (finder == null) {
            finder = new SeamFinder(from, Resampler.alignment(from, rate), minHeadMs);
        }
        final int at = finder.offer(samples, count);
        if (at >= 0 && count >= at + Resampler.lookahead(from, rate)) {
            cut = at;
            inputRate = from;
            head.complete(Pcm16.mono(rate, Resampler.prefix(samples, count, at, from, rate))
                    .scaled(volume));
        }
    }

    /** The rest once the whole is there (and the head, if the stream ended before a cut was decided). */
    private Pcm16 tail(final Pcm16 whole) {
        final short[] samples = whole.samples();
        final int at;
        if (cut >= 0) {
            at = outputIndex(cut);
        } else {
            // short audio, or no progress seen: cut the finished audio, at the output rate
            at = new SeamFinder(rate, 1, minHeadMs).finish(samples, samples.length);
            head.complete(Pcm16.mono(rate, Arrays.copyOf(samples, at)).scaled(volume));
        }
        return Pcm16.mono(rate, Arrays.copyOfRange(samples, at, samples.length)).scaled(volume);
    }

    /** The output sample at input sample {@code cut} (exact: the cut is a multiple of the alignment). */
    private int outputIndex(final int inputCut) {
        return (int) ((long) inputCut * rate / inputRate);
    }
}
