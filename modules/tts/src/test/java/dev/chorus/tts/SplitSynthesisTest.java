package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SplitSynthesisTest {

    private static final int RATE = 48000;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Words of tone with quiet gaps, 3 s at 48 kHz. */
    private static short[] audio() {
        final short[] out = new short[RATE * 3];
        final short[] word = TestSupport.sine(RATE, 300, 0.25, 0.25);
        for (int at = RATE / 10; at + word.length < out.length; at += word.length + RATE / 20) {
            System.arraycopy(word, 0, out, at, word.length);
        }
        return out;
    }

    /** Shows the audio in 25 ms steps; stops half way until {@code release} is counted down. */
    private static Function<AudioProgress, Pcm16> render(final short[] audio, final CountDownLatch release) {
        return progress -> {
            final int step = RATE / 40;
            for (int count = step; count <= audio.length; count += step) {
                progress.audio(audio, count, RATE);
                if (count >= audio.length / 2 && release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            }
            return Pcm16.mono(RATE, audio);
        };
    }

    @Test
    void theHeadIsThereBeforeTheSynthesisEndsAndHeadPlusTailIsExactlyTheWhole() throws Exception {
        final short[] audio = audio();
        final CountDownLatch release = new CountDownLatch(1);
        final SplitSynthesis.Parts parts = SplitSynthesis.start(render(audio, release), executor, 16000, 500, 1.0);

        final Pcm16 head = parts.head().get(30, TimeUnit.SECONDS); // the render is still held half way
        assertThat(parts.tail()).isNotDone();
        release.countDown();
        final Pcm16 tail = parts.tail().get(30, TimeUnit.SECONDS);

        final short[] whole = Resampler.resample(audio, RATE, 16000);
        assertThat(Pcm16.concat(java.util.List.of(head, tail)).samples()).isEqualTo(whole);
        assertThat(parts.whole().get().samples()).isEqualTo(whole);
        assertThat(head.duration().toMillis()).isBetween(500L, 1500L);
        // the seam is in a gap between "words": the last and first 2 ms are quiet
        assertThat(Pcm16.mono(16000, Arrays.copyOfRange(head.samples(), head.frames() - 32, head.frames()))
                        .peak())
                .isLessThan(0.02);
        assertThat(Pcm16.mono(16000, Arrays.copyOf(tail.samples(), 32)).peak()).isLessThan(0.02);
    }

    @Test
    void volumeScalesBothParts() throws Exception {
        final short[] audio = audio();
        final CountDownLatch none = new CountDownLatch(0);
        final SplitSynthesis.Parts full = SplitSynthesis.start(render(audio, none), executor, 16000, 500, 1.0);
        final SplitSynthesis.Parts half = SplitSynthesis.start(render(audio, none), executor, 16000, 500, 0.5);
        assertThat(half.head().get().peak())
                .isCloseTo(full.head().get().peak() / 2, org.assertj.core.api.Assertions.within(0.001));
        assertThat(half.tail().get().frames()).isEqualTo(full.tail().get().frames());
    }

    @Test
    void aFailedSynthesisFailsBothParts() {
        final SplitSynthesis.Parts parts = SplitSynthesis.start(
                progress -> {
                    throw new TtsException.SynthesisFailed("MaryTTS failed: boom", null);
                },
                executor,
                16000,
                500,
                1.0);
        for (final CompletableFuture<Pcm16> part : java.util.List.of(parts.head(), parts.tail())) {
            assertThatThrownBy(() -> part.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TtsException.SynthesisFailed.class);
        }
    }

    @Test
    void audioWithoutProgressOrFromTheCacheIsCutWhenComplete() throws Exception {
        final short[] audio = audio();
        final SplitSynthesis.Parts parts =
                SplitSynthesis.start(progress -> Pcm16.mono(RATE, audio), executor, 16000, 500, 1.0);
        final short[] whole = Resampler.resample(audio, RATE, 16000);
        assertThat(Pcm16.concat(java.util.List.of(
                                parts.head().get(), parts.tail().get()))
                        .samples())
                .isEqualTo(whole);

        final SplitSynthesis.Parts cached = SplitSynthesis.of(Pcm16.mono(16000, whole), 500, 1.0);
        assertThat(cached.head().get().frames()).isPositive();
        assertThat(Pcm16.concat(java.util.List.of(
                                cached.head().get(), cached.tail().get()))
                        .samples())
                .isEqualTo(whole);
    }
}
