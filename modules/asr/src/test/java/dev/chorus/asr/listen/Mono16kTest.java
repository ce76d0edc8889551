package dev.chorus.asr.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class Mono16kTest {

    @Test
    void sixteenKilohertzMonoPassesUntouched() {
        short[] in = {0, 1, -1, 32767, -32768, 1234};
        assertThat(Mono16k.convert(audio(PcmFormat.mono16(16_000), in))).containsExactly(in);
    }

    @Test
    void channelsAreAveraged() {
        short[] stereo = {1000, 3000, -2000, 0};
        assertThat(Mono16k.convert(audio(new PcmFormat(16_000, 2, 16), stereo))).containsExactly(2000, -1000);
    }

    @Test
    void fortyEightKilohertzBecomesAThirdAsManySamples() {
        short[] in = new short[4800];
        java.util.Arrays.fill(in, (short) 5000);
        short[] out = Mono16k.convert(audio(PcmFormat.mono16(48_000), in));
        assertThat(out).hasSize(1600);
        assertThat(out[800]).isEqualTo((short) 5000);
    }

    @Test
    void eightKilohertzIsInterpolated() {
        short[] out = Mono16k.convert(audio(PcmFormat.mono16(8_000), new short[] {0, 1000, 2000}));
        assertThat(out).hasSize(6);
        assertThat(out[1]).isEqualTo((short) 500);
    }

    @Test
    void eightBitUnsignedAndTwentyFourBitAreScaled() {
        Wav.Audio eight = new Wav.Audio(new PcmFormat(16_000, 1, 8), new byte[] {(byte) 128, (byte) 255, 0}, null);
        assertThat(Mono16k.convert(eight)).containsExactly(0, 127 << 8, -128 << 8);
        Wav.Audio twentyFour = new Wav.Audio(new PcmFormat(16_000, 1, 24), new byte[] {0x55, 0x34, 0x12}, null);
        assertThat(Mono16k.convert(twentyFour)).containsExactly(0x1234);
    }

    private static Wav.Audio audio(PcmFormat format, short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        return new Wav.Audio(format, bytes.array(), null);
    }
}
