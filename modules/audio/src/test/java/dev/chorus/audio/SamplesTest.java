package dev.chorus.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.audio.PcmFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SamplesTest {

    private static final PcmFormat S8 = new PcmFormat(8000, 1, 8);
    private static final PcmFormat S16 = new PcmFormat(16_000, 1, 16);
    private static final PcmFormat S24 = new PcmFormat(48_000, 1, 24);
    private static final PcmFormat S32 = new PcmFormat(48_000, 1, 32);

    @Test
    void sixteenBitIsScaledAndRounded() {
        byte[] in = le16(10_000, -10_000, 32_767, -32_768, 3, 0);
        assertThat(TestWavs.samples16(Samples.scale(S16, in, 0.5))).containsExactly(5000, -5000, 16_384, -16_384, 2, 0);
        assertThat(TestWavs.samples16(Samples.scale(S16, in, 0.0))).containsOnly((short) 0);
    }

    @Test
    void eightBitIsUnsignedAroundTheMiddle() {
        byte[] in = {(byte) 128, (byte) 228, (byte) 28, (byte) 255, 0};
        byte[] out = Samples.scale(S8, in, 0.5);
        assertThat(unsigned(out)).containsExactly(128, 178, 78, 192, 64);
        assertThat(unsigned(Samples.scale(S8, in, 0))).containsOnly(128);
    }

    @Test
    void twentyFourAndThirtyTwoBitKeepTheirSign() {
        byte[] in24 = {(byte) 0x00, (byte) 0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F}; // min, max
        byte[] out24 = Samples.scale(S24, in24, 0.5);
        assertThat(read24(out24, 0)).isEqualTo(-(1 << 22));
        assertThat(read24(out24, 3)).isEqualTo(1 << 22); // 8388607 * 0.5 = 4194303.5, rounds up

        ByteBuffer in32 = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(Integer.MIN_VALUE)
                .putInt(1_000_001);
        ByteBuffer out32 =
                ByteBuffer.wrap(Samples.scale(S32, in32.array(), 0.25)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(out32.getInt()).isEqualTo(Integer.MIN_VALUE / 4);
        assertThat(out32.getInt()).isEqualTo(250_000);
    }

    @Test
    void aboveOneClipsInsteadOfWrapping() {
        byte[] out = Samples.scale(S16, le16(20_000, -20_000), 2.0);
        assertThat(TestWavs.samples16(out)).containsExactly(Short.MAX_VALUE, Short.MIN_VALUE);
        byte[] in24 = {0, 0, 0x60};
        assertThat(read24(Samples.scale(S24, in24, 4), 0)).isEqualTo((1 << 23) - 1);
    }

    @Test
    void volumeOneCopiesAndTheInputIsNeverChanged() {
        byte[] in = le16(1, 2, 3);
        byte[] copy = in.clone();
        byte[] same = Samples.scale(S16, in, 1.0);
        assertThat(same).isEqualTo(in).isNotSameAs(in);
        Samples.scale(S16, in, 0.3);
        assertThat(in).isEqualTo(copy);
    }

    @Test
    void badVolumesAreRefused() {
        assertThatThrownBy(() -> Samples.scale(S16, new byte[2], -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.scale(S16, new byte[2], Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Samples.scale(S16, new byte[2], Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toSigned16KeepsTheMostSignificantBits() {
        assertThat(TestWavs.samples16(Samples.toSigned16(S8, new byte[] {(byte) 255, 0, (byte) 128})))
                .containsExactly((short) (127 << 8), Short.MIN_VALUE, (short) 0);
        byte[] in24 = {(byte) 0x12, (byte) 0x34, (byte) 0x56, (byte) 0x00, (byte) 0x00, (byte) 0x80};
        assertThat(TestWavs.samples16(Samples.toSigned16(S24, in24))).containsExactly((short) 0x5634, Short.MIN_VALUE);
        byte[] in32 = {0, 0, (byte) 0xFF, (byte) 0x7F};
        assertThat(TestWavs.samples16(Samples.toSigned16(S32, in32))).containsExactly(Short.MAX_VALUE);
    }

    @Test
    void peakIsAFractionOfFullScale() {
        assertThat(Samples.peak(S16, le16(0, -16_384, 100))).isEqualTo(0.5);
        assertThat(Samples.peak(S16, new byte[20])).isZero();
    }

    private static byte[] le16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    private static int read24(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | b[at + 2] << 16;
    }
}
