package dev.chorus.protocol.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcmConverterTest {

    @Test
    void sixteenKilohertzMonoPassesUnchanged() {
        byte[] pcm = new byte[3001 * 2];
        new Random(1).nextBytes(pcm);
        assertThat(PcmConverter.toTarget(PcmFormat.mono16(16_000), pcm)).isEqualTo(pcm);
    }

    @Test
    void otherSampleSizesAreScaledTo16Bits() {
        // 8-bit unsigned: 128 is zero, 255 is almost full scale; 24-bit: the top 16 bits, rounded
        assertThat(PcmConverter.toTarget(new PcmFormat(16_000, 1, 8), new byte[] {(byte) 128, (byte) 255, 0}))
                .isEqualTo(new byte[] {0, 0, 0, 127, 0, (byte) 0x80});
        assertThat(PcmConverter.toTarget(new PcmFormat(16_000, 1, 24), new byte[] {(byte) 0x80, 0x34, 0x12}))
                .isEqualTo(new byte[] {0x35, 0x12});
    }

    @Test
    void stereoFortyFourKilohertzBecomesTheSameToneAtSixteenKilohertzMono() {
        int n = 44_100;
        byte[] stereo = new byte[n * 4];
        for (int i = 0; i < n; i++) {
            short v = (short) Math.round(16_000 * Math.sin(2 * Math.PI * 440 * i / 44_100.0));
            for (int c = 0; c < 2; c++) {
                stereo[4 * i + 2 * c] = (byte) v;
                stereo[4 * i + 2 * c + 1] = (byte) (v >> 8);
            }
        }
        byte[] out = PcmConverter.toTarget(new PcmFormat(44_100, 2, 16), stereo);

        assertThat(out.length / 2).isEqualTo(16_000);
        double worst = 0;
        for (int i = 100; i < 16_000 - 100; i++) { // the ends see the silence around the tone
            double expected = 16_000 * Math.sin(2 * Math.PI * 440 * i / 16_000.0);
            worst = Math.max(worst, Math.abs(sample(out, i) - expected));
        }
        assertThat(worst).as("largest difference from the ideal tone").isLessThan(50);
    }

    @Test
    void tonesAboveTheNewNyquistFrequencyAreFilteredOutNotFoldedBack() {
        int n = 44_100;
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            short v = (short) Math.round(16_000 * Math.sin(2 * Math.PI * 12_000 * i / 44_100.0));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        byte[] out = PcmConverter.toTarget(new PcmFormat(44_100, 1, 16), pcm);
        // a 12 kHz tone would alias to 4 kHz at 16 kHz without the low-pass: RMS ~11 300
        assertThat(rms(out, 100, out.length / 2 - 100)).isLessThan(100);
    }

    @Test
    void piecesOfAnySizeGiveWhatTheWholeGives() {
        PcmFormat format = new PcmFormat(48_000, 2, 16);
        byte[] pcm = new byte[48_000 * 4];
        new Random(2).nextBytes(pcm);
        byte[] whole = PcmConverter.toTarget(format, pcm);

        PcmConverter c = new PcmConverter(format);
        ByteArrayOutputStream pieces = new ByteArrayOutputStream();
        Random sizes = new Random(3);
        for (int at = 0; at < pcm.length; ) {
            int n = Math.min(pcm.length - at, 1 + sizes.nextInt(5000)); // odd sizes split frames too
            pieces.writeBytes(c.convert(Arrays.copyOfRange(pcm, at, at + n)));
            at += n;
        }
        pieces.writeBytes(c.flush());
        assertThat(pieces.toByteArray()).isEqualTo(whole);
    }

    @Test
    void wholeAudioBecomesSamples() {
        short[] stereo = {1000, 3000, -2000, 0};
        assertThat(PcmConverter.toSamples(audio(new PcmFormat(16_000, 2, 16), stereo)))
                .containsExactly(2000, -1000);
        short[] in = {0, 1, -1, 32767, -32768, 1234};
        assertThat(PcmConverter.toSamples(audio(PcmFormat.mono16(16_000), in))).containsExactly(in);
    }

    @Test
    void otherRatesGiveTheirLengthAtSixteenKilohertz() {
        short[] in = new short[4800];
        Arrays.fill(in, (short) 5000);
        short[] down = PcmConverter.toSamples(audio(PcmFormat.mono16(48_000), in));
        assertThat(down).hasSize(1600);
        assertThat(down[800]).isEqualTo((short) 5000);
        assertThat(PcmConverter.toSamples(audio(PcmFormat.mono16(8_000), new short[] {0, 1000, 2000})))
                .hasSize(6);
    }

    private static int sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
    }

    private static double rms(byte[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += sample(pcm, i) * (double) sample(pcm, i);
        }
        return Math.sqrt(sum / (to - from));
    }

    private static Wav.Audio audio(PcmFormat format, short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            bytes.putShort(s);
        }
        return new Wav.Audio(format, bytes.array(), null);
    }
}
