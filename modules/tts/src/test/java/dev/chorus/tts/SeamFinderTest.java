package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeamFinderTest {

    private static final int RATE = 48000;

    /** Silence, then tone bursts ("words") of {@code wordMs} with {@code gapMs} of near-silence between. */
    private static short[] speech(final int leadMs, final int wordMs, final int gapMs, final int words) {
        final short[] out = new short[RATE * (leadMs + words * (wordMs + gapMs)) / 1000];
        final short[] word = TestSupport.sine(RATE, 220, 0.2, wordMs / 1000.0);
        int at = RATE * leadMs / 1000;
        for (int w = 0; w < words; w++) {
            System.arraycopy(word, 0, out, at, word.length);
            at += word.length + RATE * gapMs / 1000;
        }
        return out;
    }

    @Test
    void cutsInTheFirstGapAfterTheLeastSpeechAndHead() {
        final short[] audio = speech(100, 300, 50, 8); // words at 100-400, 450-750, 800-1100 ms ...
        final int cut = new SeamFinder(RATE, 3, 0).offer(audio, audio.length);
        // speech starts at 100 ms; 400 ms later is 500 ms; the next gap is 750-800 ms
        assertThat(cut * 1000 / RATE).isBetween(750, 800);
        assertThat(cut % 3).isZero();
        final int later = new SeamFinder(RATE, 3, 1300).offer(audio, audio.length);
        assertThat(later * 1000 / RATE).isBetween(1450, 1500);
    }

    @Test
    void theCutDoesNotDependOnHowTheAudioArrives() {
        final short[] audio = speech(120, 270, 40, 10);
        final int whole = new SeamFinder(RATE, 3, 600).offer(audio, audio.length);
        for (final int step : new int[] {1, 479, 1200, 4800}) {
            final SeamFinder finder = new SeamFinder(RATE, 3, 600);
            int cut = -1;
            for (int count = step; cut < 0 && count <= audio.length; count += step) {
                cut = finder.offer(audio, count);
                if (cut >= 0) {
                    // decided with what was there: never later than the window it is in + one step
                    assertThat(cut).isLessThanOrEqualTo(count);
                }
            }
            assertThat(cut).as("step %d", step).isEqualTo(whole);
        }
    }

    @Test
    void withoutAQuietWindowTheQuietestInTheSearchRangeIsTaken() {
        final short[] audio = TestSupport.sine(RATE, 220, 0.3, 3.0);
        // a dip (not quiet) at 1.2 s
        for (int i = RATE * 1200 / 1000; i < RATE * 1210 / 1000; i++) {
            audio[i] = (short) (audio[i] / 8);
        }
        final int cut = new SeamFinder(RATE, 3, 900).offer(audio, audio.length);
        assertThat(cut * 1000 / RATE).isBetween(1200, 1210);
    }

    @Test
    void shortOrSilentAudioIsStillCutSomewhereInside() {
        final short[] audio = speech(50, 200, 0, 2); // no gap after 450 ms: undecided until the end
        final SeamFinder finder = new SeamFinder(RATE, 3, 0);
        assertThat(finder.offer(audio, audio.length)).isEqualTo(-1);
        final int cut = finder.finish(audio, audio.length);
        assertThat(cut).isStrictlyBetween(0, audio.length);

        final short[] silence = new short[RATE / 2];
        assertThat(new SeamFinder(RATE, 3, 0).finish(silence, silence.length)).isStrictlyBetween(0, silence.length);
        assertThat(new SeamFinder(RATE, 3, 0).finish(new short[2], 2)).isZero();
    }
}
