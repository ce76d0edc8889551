package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples side; the WAV layout itself is shared/protocol's WavTest. */
class Pcm16Test {

    @Test
    void toWavAndBackKeepsTheSamples() {
        final Pcm16 wav = Pcm16.mono(16000, TestSupport.sine(16000, 440, 0.5, 0.5));
        final byte[] bytes = wav.toWav();
        assertThat(bytes).hasSize(Wav.HEADER_BYTES + 16000);
        final Pcm16 back = Pcm16.fromWav(bytes);
        assertThat(back.sampleRate()).isEqualTo(16000);
        assertThat(back.channels()).isEqualTo(1);
        assertThat(back.samples()).isEqualTo(wav.samples());
        assertThat(back.duration().toMillis()).isEqualTo(500);
    }

    @Test
    void levelsAndScaling() {
        final Pcm16 wav = Pcm16.mono(16000, TestSupport.sine(16000, 1000, 0.5, 1));
        assertThat(wav.rms()).isCloseTo(0.5 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.002));
        assertThat(wav.peak()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
        assertThat(wav.isSilent(0.01)).isFalse();
        assertThat(wav.scaled(0.5).peak()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.001));
        assertThat(wav.scaled(0).isSilent(0.0001)).isTrue();
        assertThat(wav.scaled(4).peak()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001)); // clipped
        assertThat(Pcm16.silence(16000, 250).duration().toMillis()).isEqualTo(250);
    }

    @Test
    void concatJoinsInOrderAndRejectsMixedRates() {
        final Pcm16 a = Pcm16.mono(16000, new short[] {1, 2});
        final Pcm16 b = Pcm16.mono(16000, new short[] {3});
        assertThat(Pcm16.concat(List.of(a, b)).samples()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Pcm16.concat(List.of(a, Pcm16.mono(8000, new short[1]))))
                .hasMessageContaining("cannot join");
    }

    @Test
    void onlySixteenBitWavsAreRead() {
        assertThatThrownBy(() -> Pcm16.fromWav(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a WAV file");
        assertThatThrownBy(() -> Pcm16.fromWav(Wav.write(new PcmFormat(8000, 1, 8), new byte[4])))
                .hasMessage("WAV has 8 bits per sample, only 16 is supported");
    }
}
