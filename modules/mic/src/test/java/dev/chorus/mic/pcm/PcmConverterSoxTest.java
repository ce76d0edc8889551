package dev.chorus.mic.pcm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared converter against sox on real speech (here, where espeak-ng and sox are at hand for the tests). */
class PcmConverterSoxTest {

    @TempDir
    Path dir;

    @Test
    void agreesWithSoxOnSpeech() throws Exception {
        Path espeak = Prerequisite.tool("espeak-ng", "apt-get install espeak-ng");
        Path sox = Prerequisite.tool("sox", "apt-get install sox");
        Path raw = dir.resolve("raw.wav");
        Path stereo = dir.resolve("stereo.wav");
        Path reference = dir.resolve("reference.wav");
        run(espeak.toString(), "-v", "en-us", "-w", raw.toString(), "set a timer for five minutes");
        run(sox.toString(), "-R", raw.toString(), "-b", "16", "-r", "44100", "-c", "2", stereo.toString());
        run(sox.toString(), "-R", stereo.toString(), "-b", "16", "-r", "16000", "-c", "1", reference.toString());
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

    private static void run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("%s: %s", List.of(command), new String(output))
                .isTrue();
    }
}
