package dev.chorus.wake;

import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech made at test time: {@code espeak-ng} with a voice, then {@code sox} to 16 kHz mono 16-bit, padded with
 * silence, optionally mixed with white noise. Returns the WAV bytes.
 */
public final class Speech {

    private Speech() {}

    public static byte[] wav(String voice, String text, double padSeconds) {
        return wav(voice, text, padSeconds, 0);
    }

    /** {@code noise} = amplitude of added white noise, 0..1 of full scale (0: none). */
    public static byte[] wav(String voice, String text, double padSeconds, double noise) {
        Prerequisite.tool("espeak-ng", "apt-get install espeak-ng");
        Prerequisite.tool("sox", "apt-get install sox");
        try {
            Path dir = Files.createTempDirectory("wake-speech");
            Path raw = dir.resolve("raw.wav");
            Path clean = dir.resolve("clean.wav");
            Path out = dir.resolve("out.wav");
            run(List.of("espeak-ng", "-v", voice, "-w", raw.toString(), text));
            String pad = Double.toString(padSeconds);
            run(List.of(
                    "sox",
                    "-R",
                    raw.toString(),
                    "-r",
                    "16000",
                    "-c",
                    "1",
                    "-b",
                    "16",
                    clean.toString(),
                    "pad",
                    pad,
                    pad));
            if (noise > 0) {
                Path hiss = dir.resolve("noise.wav");
                run(List.of(
                        "sox",
                        "-R",
                        clean.toString(),
                        hiss.toString(),
                        "synth",
                        "whitenoise",
                        "vol",
                        Double.toString(noise)));
                run(List.of("sox", "-R", "-m", clean.toString(), hiss.toString(), "-b", "16", out.toString()));
            } else {
                Files.move(clean, out);
            }
            byte[] bytes = Files.readAllBytes(out);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A long text read by espeak-ng (from a file: too long for an argument), mixed with white noise. */
    public static byte[] longWav(String voice, String text, double noise) {
        try {
            Path file = Files.createTempFile("wake-text", ".txt");
            Files.writeString(file, text);
            Path raw = Files.createTempFile("wake-long", ".wav");
            run(List.of("espeak-ng", "-v", voice, "-f", file.toString(), "-w", raw.toString()));
            Path out = Files.createTempFile("wake-long-16k", ".wav");
            Path hiss = Files.createTempFile("wake-long-noise", ".wav");
            run(List.of("sox", "-R", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", out.toString()));
            run(List.of(
                    "sox",
                    "-R",
                    out.toString(),
                    hiss.toString(),
                    "synth",
                    "whitenoise",
                    "vol",
                    Double.toString(noise)));
            Path mixed = Files.createTempFile("wake-long-mixed", ".wav");
            run(List.of("sox", "-R", "-m", out.toString(), hiss.toString(), "-b", "16", mixed.toString()));
            byte[] bytes = Files.readAllBytes(mixed);
            for (Path p : List.of(file, raw, out, hiss, mixed)) {
                Files.delete(p);
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
