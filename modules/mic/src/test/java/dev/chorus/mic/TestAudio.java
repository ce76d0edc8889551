package dev.chorus.mic;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Audio for the tests: generated in Java, or spoken by espeak-ng and converted by sox (real tools, at test time). */
final class TestAudio {

    private TestAudio() {}

    /** 16 kHz mono 16-bit noise that is never silent (no sample is 0), so a test can find it among silent frames. */
    static byte[] noise(int samples, long seed) {
        Random random = new Random(seed);
        byte[] pcm = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            int v = random.nextInt(20_000) - 10_000;
            v = v == 0 ? 1 : v;
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    static byte[] wav16k(byte[] pcm) {
        return Wav.write(PcmFormat.mono16(16_000), pcm);
    }

    /**
     * Puts a WAV into an inbox folder the way a careful writer does: written under another name, then renamed
     * into place (the module also waits for a stable size, for writers that do not).
     */
    static Path drop(Path folder, String name, byte[] wav) throws IOException {
        Files.createDirectories(folder);
        Path part = folder.resolve("." + name + ".part");
        Files.write(part, wav);
        return Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** "text" spoken by espeak-ng, then made {@code rate} Hz with {@code channels} channels by sox. */
    static byte[] spoken(Path dir, String text, int rate, int channels) throws IOException, InterruptedException {
        Path espeak = Prerequisite.tool("espeak-ng", "apt-get install espeak-ng");
        Path sox = Prerequisite.tool("sox", "apt-get install sox");
        Path raw = dir.resolve("spoken-raw.wav");
        Path out = dir.resolve("spoken-" + rate + "-" + channels + ".wav");
        run(List.of(espeak.toString(), "-v", "en-us", "-w", raw.toString(), text));
        run(List.of(
                sox.toString(),
                "-R",
                raw.toString(),
                "-b",
                "16",
                "-r",
                Integer.toString(rate),
                "-c",
                Integer.toString(channels),
                out.toString()));
        return Files.readAllBytes(out);
    }

    /** sox's own conversion of a WAV to 16 kHz mono 16-bit, the reference for ours. */
    static byte[] soxTo16kMono(Path dir, byte[] wav) throws IOException, InterruptedException {
        Path sox = Prerequisite.tool("sox", "apt-get install sox");
        Path in = dir.resolve("sox-in.wav");
        Path out = dir.resolve("sox-out.wav");
        Files.write(in, wav);
        run(List.of(sox.toString(), "-R", in.toString(), "-b", "16", "-r", "16000", "-c", "1", out.toString()));
        return Files.readAllBytes(out);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(command + " failed: " + new String(output));
        }
    }

    /**
     * Where {@code file}'s samples start in {@code stream}: at the first frame that is not silence (the file
     * starts on a frame boundary, after silent frames), or -1.
     */
    static int start(byte[] stream, int frameBytes) {
        for (int at = 0; at + frameBytes <= stream.length; at += frameBytes) {
            for (int i = at; i < at + frameBytes; i++) {
                if (stream[i] != 0) {
                    return at;
                }
            }
        }
        return -1;
    }

    /** Where {@code stream} holds {@code file}'s samples, starting on a frame boundary, or -1. */
    static int find(byte[] stream, byte[] file, int frameBytes) {
        for (int at = 0; at + file.length <= stream.length; at += frameBytes) {
            if (Arrays.equals(stream, at, at + file.length, file, 0, file.length)) {
                return at;
            }
        }
        return -1;
    }
}
