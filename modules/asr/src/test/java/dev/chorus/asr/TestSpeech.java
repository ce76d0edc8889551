package dev.chorus.asr;

import dev.chorus.asr.decode.SphinxRecognizer;
import dev.chorus.asr.decode.Transcript;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test speech made at test time with espeak-ng and sox (16 kHz mono 16-bit, padded with silence), into
 * target/test-speech (kept between runs: the same sentence is not synthesised twice), and the small home grammar
 * the tests train on.
 */
public final class TestSpeech {

    /** The home set: what time is it / set a timer for (one|two|five) minutes / turn (on|off) the (kitchen|bedroom) light. */
    public static final NluGrammar HOME = new NluGrammar(
            "home-1",
            "en",
            List.of(
                    new NluGrammar.IntentGrammar("GetTime", "what time is it", List.of("is", "it", "time", "what")),
                    new NluGrammar.IntentGrammar(
                            "SetTimer",
                            "set a timer for (one | two | five) minutes",
                            List.of("a", "five", "for", "minutes", "one", "set", "timer", "two")),
                    new NluGrammar.IntentGrammar(
                            "ChangeLight",
                            "turn (on | off) the (kitchen | bedroom) light",
                            List.of("bedroom", "kitchen", "light", "off", "on", "the", "turn"))));

    private static final Path DIR = Path.of("target", "test-speech");

    private TestSpeech() {}

    /**
     * The built-in templates' grammar: test resource builtin-grammar.json, compiled by the nlu module from intents/
     * (modules/asr/CONFIG.md).
     */
    public static NluGrammar builtinGrammar() throws Exception {
        try (InputStream in = TestSpeech.class.getResourceAsStream("builtin-grammar.json")) {
            return JsonCodec.standalone().decode(in.readAllBytes(), NluGrammar.class);
        }
    }

    /** What {@code recognizer} makes of {@code sentence} spoken by en-us with short silences around it. */
    public static Transcript hear(SphinxRecognizer recognizer, String sentence) throws Exception {
        return recognizer.decode(samples(speak(sentence, "en-us", 0.5, 0.8)));
    }

    /** {@code text} spoken by {@code voice} (an espeak-ng voice, e.g. en-us), with silence before and after. */
    public static Path speak(String text, String voice, double padBefore, double padAfter) throws IOException {
        Path espeak = Prerequisite.tool("espeak-ng", "apt-get install espeak-ng (.ci/test-tools.sh)");
        Path sox = Prerequisite.tool("sox", "apt-get install sox (.ci/test-tools.sh)");
        Files.createDirectories(DIR);
        String name = (voice + "-" + text + "-" + padBefore + "-" + padAfter).replaceAll("[^a-zA-Z0-9.+-]", "_");
        Path out = DIR.resolve(name + ".wav");
        if (Files.exists(out)) {
            return out;
        }
        Path raw = DIR.resolve(name + ".espeak.wav");
        run(List.of(espeak.toString(), "-v", voice, "-s", "150", "-w", raw.toString(), text));
        run(List.of(
                sox.toString(),
                "-R",
                raw.toString(),
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                out.toString(),
                "pad",
                Double.toString(padBefore),
                Double.toString(padAfter)));
        Files.delete(raw);
        return out;
    }

    /** The samples of a 16 kHz mono 16-bit WAV. */
    public static byte[] samples(Path wav) throws IOException, InvalidAudioException {
        return Wav.parse(Files.readAllBytes(wav)).samples();
    }

    /** 2048-byte chunks as Rhasspy's PyAudio microphone sends them, each its own 16 kHz mono WAV. */
    public static List<byte[]> frames(byte[] samples) {
        List<byte[]> frames = new ArrayList<>();
        for (int at = 0; at < samples.length; at += 2048) {
            byte[] chunk = java.util.Arrays.copyOfRange(samples, at, Math.min(samples.length, at + 2048));
            frames.add(Wav.write(dev.chorus.protocol.audio.PcmFormat.mono16(16_000), chunk));
        }
        return frames;
    }

    /** Runs a command, failing with its output when it does not exit 0. */
    public static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited " + process.exitValue() + ": " + output);
        }
    }
}
