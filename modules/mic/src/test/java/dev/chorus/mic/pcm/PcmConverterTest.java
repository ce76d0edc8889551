package dev.chorus.mic.pcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.testkit.Prerequisite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcmConverterTest {

    @TempDir
    Path dir;

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
            pieces.writeBytes(c.convert(java.util.Arrays.copyOfRange(pcm, at, at + n)));
            at += n;
        }
        pieces.writeBytes(c.flush());
        assertThat(pieces.toByteArray()).isEqualTo(whole);
    }

    @Test
    void agreesWithSoxOnSpeech() throws Exception {
        Path espeak = Prerequisite.tool("espeak-ng", "apt-get install espeak-ng");
        Path sox = Prerequisite.tool("sox", "apt-get install sox");
        Path raw = dir.resolve("raw.wav");
        Path stereo = dir.resolve("stereo.wav");
        Path reference = dir.resolve("reference.wav");
        run(espeak.toString(), "-v", "en-us", "-w", raw.toString(), "set a timer for five minutes");
        run(sox.toString(), raw.toString(), "-b", "16", "-r", "44100", "-c", "2", stereo.toString());
        run(sox.toString(), stereo.toString(), "-b", "16", "-r", "16000", "-c", "1", reference.toString());
        Wav.Audio in = Wav.parse(Files.readAllBytes(stereo));
        byte[] ours = PcmConverter.toTarget(in.format(), in.samples());
        byte[] theirs = Wav.parse(Files.readAllBytes(reference)).samples();

        int n = Math.min(ours.length, theirs.length) / 2;
        assertThat(Math.abs(ours.length - theirs.length) / 2).isLessThanOrEqualTo(2);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double d = sample(ours, i) - sample(theirs, i);
            signal += sample(theirs, i) * (double) sample(theirs, i);
            noise += d * d;
        }
        double snr = 10 * Math.log10(signal / noise);
        assertThat(snr).as("ours against sox's, dB").isGreaterThan(30);
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("%s: %s", List.of(command), new String(output))
                .isTrue();
    }
}
