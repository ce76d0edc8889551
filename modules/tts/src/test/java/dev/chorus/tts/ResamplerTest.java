package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest
    @CsvSource({"48000,16000", "48000,22050", "48000,8000", "16000,48000", "44100,16000"})
    void keepsPassBandToneLevelAndPitch(final int from, final int to) {
        final short[] tone = TestSupport.sine(from, 1000, 0.5, 1.0);
        final short[] out = Resampler.resample(tone, from, to);

        assertThat(out.length).isBetween(to - 1, to + 1);
        final short[] middle = Arrays.copyOfRange(out, to / 10, to - to / 10); // skip edges
        assertThat(Pcm16.mono(to, middle).rms()).isCloseTo(0.5 / Math.sqrt(2), offset(0.004));
        assertThat(zeroCrossings(middle) / (middle.length / (double) to) / 2).isCloseTo(1000, offset(5.0));
    }

    @ParameterizedTest
    @CsvSource({"48000,16000", "48000,22050", "48000,48000", "16000,48000"})
    void aPrefixWithItsLookaheadIsExactlyTheStartOfTheWhole(final int from, final int to) {
        final java.util.Random random = new java.util.Random(7);
        final short[] noise = new short[from];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-8000, 8000);
        }
        final short[] whole = Resampler.resample(noise, from, to);
        final int align = Resampler.alignment(from, to);
        for (final int cut : new int[] {align, align * 7, noise.length / 2 / align * align}) {
            final int count = Math.min(noise.length, cut + Resampler.lookahead(from, to));
            final short[] head = Resampler.prefix(noise, count, cut, from, to);
            assertThat(head.length).isEqualTo((int) ((long) cut * to / from));
            assertThat(head).isEqualTo(Arrays.copyOf(whole, head.length));
        }
    }

    @Test
    void removesWhatWouldAliasWhenDownsampling() {
        // 10 kHz is above the 8 kHz Nyquist of 16 kHz output: without a low-pass it folds to 6 kHz
        final short[] tone = TestSupport.sine(48000, 10_000, 0.5, 1.0);
        final short[] out = Resampler.resample(tone, 48000, 16000);
        final short[] middle = Arrays.copyOfRange(out, 1600, 14400);
        final double db = 20 * Math.log10(Pcm16.mono(16000, middle).rms() / (0.5 / Math.sqrt(2)));
        assertThat(db).isLessThan(-60);
    }

    @Test
    void keepsTheEdgeOfThePassBand() {
        // 7 kHz is inside the pass band (90% of 8 kHz = 7.2 kHz)
        final short[] out = Resampler.resample(TestSupport.sine(48000, 7000, 0.5, 1.0), 48000, 16000);
        final short[] middle = Arrays.copyOfRange(out, 1600, 14400);
        assertThat(Pcm16.mono(16000, middle).rms()).isCloseTo(0.5 / Math.sqrt(2), offset(0.01));
    }

    @Test
    void sameRateIsACopy() {
        final short[] in = {1, 2, 3};
        assertThat(Resampler.resample(in, 16000, 16000))
                .containsExactly(1, 2, 3)
                .isNotSameAs(in);
    }

    private static int zeroCrossings(final short[] s) {
        int n = 0;
        for (int i = 1; i < s.length; i++) {
            if ((s[i - 1] < 0) != (s[i] < 0)) {
                n++;
            }
        }
        return n;
    }
}
