package dev.chorus.tts;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavTest {

    @Test
    void writesCanonicalHeaderAndParsesItBack() {
        final Wav wav = Wav.mono(16000, TestSupport.sine(16000, 440, 0.5, 0.5));
        final byte[] bytes = wav.toBytes();

        assertThat(bytes).hasSize(44 + 16000);
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(new String(bytes, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).isEqualTo((short) 1);      // PCM
        assertThat(b.getShort(22)).isEqualTo((short) 1);      // mono
        assertThat(b.getInt(24)).isEqualTo(16000);
        assertThat(b.getInt(28)).isEqualTo(32000);            // byte rate
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(b.getInt(40)).isEqualTo(16000);            // data bytes

        final Wav back = Wav.parse(bytes);
        assertThat(back.sampleRate()).isEqualTo(16000);
        assertThat(back.channels()).isEqualTo(1);
        assertThat(back.samples()).isEqualTo(wav.samples());
        assertThat(back.duration().toMillis()).isEqualTo(500);
    }

    @Test
    void parseSkipsOtherChunksAndOddPadding() {
        final byte[] pcm = Wav.mono(8000, new short[] {1, -2, 3}).toBytes();
        // RIFF, WAVE, fmt chunk (24 bytes), an odd-sized LIST chunk with pad byte, then data
        final ByteBuffer b = ByteBuffer.allocate(pcm.length + 8 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(pcm, 0, 36);
        b.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(3).put(new byte[] {'a', 'b', 'c', 0});
        b.put(pcm, 36, pcm.length - 36);
        final Wav wav = Wav.parse(b.array());
        assertThat(wav.samples()).containsExactly(1, -2, 3);
    }

    @Test
    void levelsAndScaling() {
        final Wav wav = Wav.mono(16000, TestSupport.sine(16000, 1000, 0.5, 1));
        assertThat(wav.rms()).isCloseTo(0.5 / Math.sqrt(2), org.assertj.core.data.Offset.offset(0.002));
        assertThat(wav.peak()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
        assertThat(wav.isSilent(0.01)).isFalse();
        assertThat(wav.scaled(0.5).peak()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.001));
        assertThat(wav.scaled(0).isSilent(0.0001)).isTrue();
        assertThat(wav.scaled(4).peak()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.001)); // clipped
        assertThat(Wav.silence(16000, 250).duration().toMillis()).isEqualTo(250);
    }

    @Test
    void concatJoinsInOrderAndRejectsMixedRates() {
        final Wav a = Wav.mono(16000, new short[] {1, 2});
        final Wav b = Wav.mono(16000, new short[] {3});
        assertThat(Wav.concat(List.of(a, b)).samples()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Wav.concat(List.of(a, Wav.mono(8000, new short[1]))))
                .hasMessageContaining("cannot join");
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThatThrownBy(() -> Wav.parse(new byte[] {1, 2, 3})).hasMessageContaining("RIFF");
        final byte[] bytes = Wav.mono(8000, new short[4]).toBytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8);
        assertThatThrownBy(() -> Wav.parse(bytes)).hasMessageContaining("8 bits");
    }
}
