package dev.chorus.asr.bench;

import dev.chorus.asr.TestSpeech;
import dev.chorus.asr.decode.SphinxRecognizer;
import dev.chorus.asr.decode.Transcript;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * The "ASR" figures of docs/performance.md: WER and sentence accuracy per espeak-ng voice and white-noise level
 * (Sphinx4 as the module runs it, and Debian's pocketsphinx_continuous on the same files), real-time factor,
 * latency from the last speech sample to textCaptured through the module on the in-process broker with frames
 * paced in real time (split into the VAD's trailing-silence wait and the rest), memory per loaded recogniser.
 * Writes the section to {@code target/asr-bench.md}. Not part of the test run:
 * {@code ./mvnw -q -pl modules/asr -am -P bench -DskipTests verify}.
 */
public final class AsrBenchmark {

    static final NluGrammar BENCH = new NluGrammar(
            "bench-1",
            "en",
            List.of(
                    TestSpeech.HOME.intents().get(0),
                    TestSpeech.HOME.intents().get(1),
                    TestSpeech.HOME.intents().get(2),
                    new NluGrammar.IntentGrammar("GetWeather", "what is the weather like", List.of()),
                    new NluGrammar.IntentGrammar("Music", "(play | stop) the music", List.of()),
                    new NluGrammar.IntentGrammar("Volume", "set the volume to (three | seven)", List.of())));

    static final List<String> SENTENCES = List.of(
            "what time is it",
            "set a timer for one minutes",
            "set a timer for two minutes",
            "set a timer for five minutes",
            "turn on the kitchen light",
            "turn off the kitchen light",
            "turn on the bedroom light",
            "turn off the bedroom light",
            "what is the weather like",
            "play the music",
            "stop the music",
            "set the volume to seven");

    static final List<String> VOICES = List.of("en-us", "en-gb", "en-us+f3");
    /** Other espeak-ng voices, only for counting the out-of-domain check with the threshold tuned on {@link #VOICES}. */
    static final List<String> VOICES_HELD_OUT = List.of("en-gb-scotland", "en-us-nyc", "en-gb-x-rp");
    /** null = clean; else the signal-to-noise ratio in dB of the white noise sox mixes in. */
    static final List<Integer> SNRS = java.util.Arrays.asList(null, 20, 10);

    private final StringBuilder out = new StringBuilder();

    /** Commands of the built-in templates (intents/sentences.ini), every intent. */
    static final List<String> COMMANDS = List.of(
            "what time is it",
            "tell me the time",
            "what is the date today",
            "what day is it",
            "set a timer for five minutes",
            "start a ten second timer",
            "twenty minutes timer",
            "cancel the timer",
            "delete all the timers",
            "turn on the kitchen light",
            "turn the bedroom lights off",
            "switch off the living room light",
            "set the office light to fifty percent",
            "dim the hall lights",
            "what is the weather like today",
            "will it rain today",
            "set the volume to seven",
            "make it louder",
            "volume down",
            "never mind",
            "yes please",
            "no thanks");

    /** Everyday questions and requests the built-in templates do not cover. */
    static final List<String> OUT_OF_DOMAIN = List.of(
            "how old are you",
            "what is your name",
            "who is the president of france",
            "tell me a joke",
            "where do you live",
            "how far is the moon",
            "what is the capital of spain",
            "can you sing a song",
            "do you like music",
            "who won the game last night",
            "how do i cook rice",
            "what should i eat for dinner",
            "when does the bank open",
            "how many people live in london",
            "why is the sky blue",
            "where are my keys",
            "call my mother",
            "send a message to john",
            "read me the news",
            "what is the meaning of life",
            "are you a robot",
            "how tall is the highest mountain",
            "who wrote this book",
            "what does a doctor do",
            "is the shop open on sunday",
            "how much does a car cost",
            "order a pizza",
            "find a good restaurant near me",
            "spell the word banana",
            "translate hello into french");

    /**
     * Other commands of the built-in templates, not used to choose the out-of-domain check's threshold or weights:
     * its figures on these are counted with the threshold tuned on {@link #COMMANDS} and {@link #OUT_OF_DOMAIN}.
     */
    static final List<String> COMMANDS_HELD_OUT = List.of(
            "what is the time",
            "what date is it today",
            "what is today",
            "set a timer for three hours",
            "start a forty five second timer",
            "cancel all timers",
            "stop the timer",
            "turn off the bedroom light",
            "turn the kitchen lights on",
            "switch on the office lights",
            "set the bathroom light to twenty percent",
            "set the brightness to eighty percent",
            "brighten the garage lights",
            "how is the weather",
            "will it rain",
            "set volume to three",
            "turn it down",
            "make it quieter",
            "volume up",
            "sure",
            "nope",
            "turn on the lights");

    /** Other questions and requests outside the templates, held out like {@link #COMMANDS_HELD_OUT}. */
    static final List<String> OUT_OF_DOMAIN_HELD_OUT = List.of(
            "what is the capital of italy",
            "how tall is mount everest",
            "can you dance",
            "what is the best movie ever",
            "who wrote hamlet",
            "how far away is the sun",
            "do you like cats",
            "what should i cook tonight",
            "play some jazz",
            "call my brother",
            "send an email to mary",
            "what is two plus two",
            "how many people live in paris",
            "open the garage door",
            "lock the front door",
            "order some flowers",
            "remind me to buy milk",
            "what is on my calendar",
            "how do you spell necessary",
            "say good night in spanish",
            "who won the football match",
            "read me a story",
            "find a recipe for pancakes",
            "what films are playing",
            "how much is a new phone",
            "where is the nearest pharmacy",
            "wake me up at seven",
            "add eggs to the shopping list",
            "when is my next meeting",
            "is the post office open");

    /** Sphinx4 out-of-grammar branch probabilities tried (0: rejection off). */
    static final List<Double> OOG_PROBABILITIES = List.of(0.0, 1e-30, 1e-20);

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "target/asr-bench.md");
        AsrBenchmark bench = new AsrBenchmark();
        if (args.length > 1 && args[1].equals("latency")) {
            bench.line("Load before: " + loadAverage());
            bench.latency(false);
            bench.latency(true);
            bench.memory();
            bench.line("Load after: " + loadAverage());
        } else if (args.length > 1 && args[1].equals("rejection")) {
            bench.line("Load before: " + loadAverage());
            bench.rejection();
            bench.line("Load after: " + loadAverage());
        } else {
            bench.run();
        }
        Files.writeString(report, bench.out.toString(), StandardCharsets.UTF_8);
        System.exit(0); // the in-process broker and Paho leave non-daemon threads
    }

    void run() throws Exception {
        line("Load before: " + loadAverage());
        accuracy();
        rejection();
        latency(false);
        latency(true);
        memory();
        line("Load after: " + loadAverage());
    }

    // ---- accuracy and real-time factor ---------------------------------------------------------------

    private void accuracy() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        Path gram = dir.resolve("bench.gram");
        Files.writeString(gram, BENCH.jsgf(null));
        SphinxRecognizer sphinx = SphinxRecognizer.load(dir.resolve("grammars"));
        sphinx.useGrammar("bench", BENCH.jsgf(null));
        line("");
        line("| voice | noise | Sphinx4 (module) WER | sentences | pocketsphinx_continuous WER | sentences |");
        line("|---|---|---|---|---|---|");
        Score sphinxAll = new Score();
        Score psAll = new Score();
        double audioSeconds = 0;
        long decodeNanos = 0;
        long psNanos = 0;
        for (String voice : VOICES) {
            for (Integer snr : SNRS) {
                Score s = new Score();
                Score p = new Score();
                for (String sentence : SENTENCES) {
                    Path wav = noisy(TestSpeech.speak(sentence, voice, 0.5, 0.8), snr, dir);
                    byte[] samples = TestSpeech.samples(wav);
                    audioSeconds += samples.length / 32000.0;
                    long t0 = System.nanoTime();
                    Transcript heard = sphinx.decode(samples);
                    decodeNanos += System.nanoTime() - t0;
                    s.add(sentence, heard.text());
                    long t1 = System.nanoTime();
                    p.add(sentence, pocketsphinx(gram, wav));
                    psNanos += System.nanoTime() - t1;
                }
                sphinxAll.merge(s);
                psAll.merge(p);
                line("| " + voice + " | " + (snr == null ? "clean" : snr + " dB SNR") + " | " + s.wer() + " | "
                        + s.sentences() + " | " + p.wer() + " | " + p.sentences() + " |");
            }
        }
        line("| **all** | | **" + sphinxAll.wer() + "** | **" + sphinxAll.sentences() + "** | **" + psAll.wer()
                + "** | **" + psAll.sentences() + "** |");
        line("");
        line(String.format(
                Locale.ROOT,
                "Real-time factor over %.0f s of audio (%d utterances, whole-buffer decode, one thread): Sphinx4"
                        + " %.3f; pocketsphinx_continuous %.3f (a process per file, model load included).",
                audioSeconds,
                sphinxAll.count,
                decodeNanos / 1e9 / audioSeconds,
                psNanos / 1e9 / audioSeconds));
        line("");
        line("Errors (Sphinx4): " + (sphinxAll.errors.isEmpty() ? "none" : String.join("; ", sphinxAll.errors)));
    }

    private static String pocketsphinx(Path gram, Path wav) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "pocketsphinx_continuous",
                        "-jsgf",
                        gram.toString(),
                        "-infile",
                        wav.toString(),
                        "-logfn",
                        "/dev/null")
                .redirectErrorStream(false)
                .start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        List<String> lines =
                stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join(" ", lines);
    }

    /** White noise mixed in by sox at {@code snr} dB under the speech's RMS (over the speech, not the padding). */
    private static Path noisy(Path clean, Integer snr, Path dir) throws Exception {
        if (snr == null) {
            return clean;
        }
        Path out = dir.resolve(clean.getFileName().toString().replace(".wav", "-snr" + snr + ".wav"));
        if (Files.exists(out)) {
            return out;
        }
        byte[] samples = TestSpeech.samples(clean);
        double sum = 0;
        int n = 0;
        for (int i = 0; i + 1 < samples.length; i += 2) {
            int s = (short) ((samples[i] & 0xFF) | (samples[i + 1] << 8));
            if (s != 0) {
                sum += (double) s * s;
                n++;
            }
        }
        double rms = Math.sqrt(sum / Math.max(1, n)) / 32768.0;
        // sox's whitenoise at "vol v" has an RMS of about v/sqrt(3) (uniform samples in -v..v)
        double volume = rms / Math.pow(10, snr / 20.0) * Math.sqrt(3);
        Path noise = dir.resolve("noise-" + out.getFileName());
        double seconds = samples.length / 32000.0;
        TestSpeech.run(List.of(
                "sox",
                "-R",
                "-n",
                "-r",
                "16000",
                "-c",
                "1",
                "-b",
                "16",
                noise.toString(),
                "synth",
                String.format(Locale.ROOT, "%.3f", seconds),
                "whitenoise",
                "vol",
                String.format(Locale.ROOT, "%.5f", volume)));
        TestSpeech.run(
                List.of("sox", "-R", "-m", "-v", "1", clean.toString(), "-v", "1", noise.toString(), out.toString()));
        Files.delete(noise);
        return out;
    }

    // ---- out-of-grammar rejection ------------------------------------------------------------------

    /**
     * The built-in templates' grammar (test resource builtin-grammar.json, see modules/asr/CONFIG.md): commands
     * lost and out-of-domain questions rejected (empty text), per probability of Sphinx4's out-of-grammar branch.
     */
    private void rejection() throws Exception {
        NluGrammar builtin = TestSpeech.builtinGrammar();
        Path dir = Files.createDirectories(Path.of("target", "bench"));
        line("");
        line("Out-of-grammar rejection, built-in templates ("
                + builtin.intents().size() + " intents), "
                + COMMANDS.size() + " commands and " + OUT_OF_DOMAIN.size() + " out-of-domain questions × "
                + VOICES.size() + " voices, clean:");
        line("");
        line("| out-of-grammar branch | questions rejected | commands lost (empty) | commands exact | command WER"
                + " | RTF |");
        line("|---|---|---|---|---|---|");
        for (double oog : OOG_PROBABILITIES) {
            SphinxRecognizer sphinx = SphinxRecognizer.load(dir.resolve("grammars-oog-" + oog), oog);
            sphinx.useGrammar("builtin", builtin.jsgf(null));
            Score commands = new Score();
            int lost = 0;
            int rejected = 0;
            int total = 0;
            double audio = 0;
            long nanos = 0;
            List<String> accepted = new ArrayList<>();
            for (String voice : VOICES) {
                for (String command : COMMANDS) {
                    byte[] samples = TestSpeech.samples(TestSpeech.speak(command, voice, 0.5, 0.8));
                    long t0 = System.nanoTime();
                    String heard = sphinx.decode(samples).text();
                    nanos += System.nanoTime() - t0;
                    audio += samples.length / 32000.0;
                    commands.add(command, heard);
                    lost += heard.isEmpty() ? 1 : 0;
                }
                for (String question : OUT_OF_DOMAIN) {
                    byte[] samples = TestSpeech.samples(TestSpeech.speak(question, voice, 0.5, 0.8));
                    long t0 = System.nanoTime();
                    String heard = sphinx.decode(samples).text();
                    nanos += System.nanoTime() - t0;
                    audio += samples.length / 32000.0;
                    total++;
                    if (heard.isEmpty()) {
                        rejected++;
                    } else {
                        accepted.add("\"" + question + "\" → \"" + heard + "\" (" + voice + ")");
                    }
                }
            }
            line(String.format(
                    Locale.ROOT,
                    "| %s | %.0f %% (%d/%d) | %.1f %% (%d/%d) | %s | %s | %.3f |",
                    oog == 0 ? "off (before)" : "probability " + oog,
                    100.0 * rejected / total,
                    rejected,
                    total,
                    100.0 * lost / commands.count,
                    lost,
                    commands.count,
                    commands.sentences(),
                    commands.wer(),
                    nanos / 1e9 / audio));
            rejectionNotes.add((oog == 0 ? "off" : "probability " + oog) + ": command errors: "
                    + (commands.errors.isEmpty() ? "none" : String.join("; ", commands.errors))
                    + "; questions taken as commands: " + (accepted.isEmpty() ? "none" : String.join("; ", accepted)));
        }
        outOfDomain(builtin, dir);
        line("");
        rejectionNotes.forEach(n -> line("- " + n));
    }

    /** Thresholds (nats per frame) of the out-of-domain check shown in the table. */
    static final List<Double> OOD_THRESHOLDS = List.of(1.1, 1.15, 1.2, 1.25, 1.3, 1.35, 1.4, 1.5);

    /**
     * One utterance through the out-of-domain check: its mismatch (NaN: the grammar heard nothing), and for a command
     * whether the grammar heard it right ("light" and "lights" alike: the same command).
     */
    record Checked(String voice, boolean command, String sentence, String heard, double mismatch) {
        boolean rejectedAt(double threshold) {
            return heard.isEmpty() || mismatch > threshold;
        }

        boolean heardRight() {
            return command && heard.replace("lights", "light").equals(sentence.replace("lights", "light"));
        }

        /** A command heard right and rejected: what the check loses (a misheard command was lost already). */
        boolean lostAt(double threshold) {
            return heardRight() && rejectedAt(threshold);
        }
    }

    /**
     * The out-of-domain check (CHORUS_ASR_REJECT_OOD): every utterance decoded once with the check measuring but never
     * rejecting; questions rejected and commands lost per threshold; the threshold tuned on two voices (most questions
     * rejected with at most 5 % of the commands lost), counted on the third; and the threshold tuned on all of them,
     * counted on sentences that took no part in choosing anything ({@link #COMMANDS_HELD_OUT},
     * {@link #OUT_OF_DOMAIN_HELD_OUT}).
     */
    private void outOfDomain(NluGrammar builtin, Path dir) throws Exception {
        SphinxRecognizer sphinx = SphinxRecognizer.load(
                dir.resolve("grammars-ood"), new dev.chorus.asr.decode.Rejection(0, Double.MAX_VALUE));
        sphinx.useGrammar("builtin", builtin.jsgf(null));
        long[] nanos = {0};
        double[] audio = {0};
        List<Checked> checked = check(sphinx, VOICES, COMMANDS, OUT_OF_DOMAIN, nanos, audio);
        List<Checked> heldOut = check(sphinx, VOICES, COMMANDS_HELD_OUT, OUT_OF_DOMAIN_HELD_OUT, nanos, audio);
        List<Checked> otherVoices = check(sphinx, VOICES_HELD_OUT, COMMANDS, OUT_OF_DOMAIN, nanos, audio);
        line("");
        line(String.format(
                Locale.ROOT,
                "Out-of-domain check (second decode with en-us.lm.bin; mismatch in nats per 10 ms frame: acoustic"
                        + " score plus the weighted share of frames the grammar path spends in silence beyond the"
                        + " free path's, OutOfDomainCheck.SILENCE_WEIGHT); grammar and check together: RTF %.3f over %.0f s of audio (%d utterances)."
                        + " A command is lost when the grammar heard it right and the check empties it; commands"
                        + " the grammar heard wrong are counted apart (emptying those turns a wrong action into"
                        + " none). Same utterances as above (%d of the %d commands heard right):",
                nanos[0] / 1e9 / audio[0],
                audio[0],
                checked.size() + heldOut.size() + otherVoices.size(),
                checked.stream().filter(Checked::heardRight).count(),
                checked.stream().filter(Checked::command).count()));
        line("");
        line("| threshold | questions rejected | commands lost | misheard commands emptied |");
        line("|---|---|---|---|");
        for (double threshold : OOD_THRESHOLDS) {
            line("| " + threshold + " | " + rejectedText(checked, false, threshold) + " | "
                    + lostText(checked, threshold) + " | " + misheardText(checked, threshold) + " |");
        }
        line("");
        line("Held out (threshold tuned on two voices, at most 5 % of their commands lost; counted on the third):");
        line("");
        line("| held-out voice | tuned threshold | questions rejected | commands lost | misheard commands emptied |");
        line("|---|---|---|---|---|");
        for (String voice : VOICES) {
            double threshold =
                    tune(checked.stream().filter(c -> !c.voice().equals(voice)).toList());
            heldOutLine(
                    voice,
                    threshold,
                    checked.stream().filter(c -> c.voice().equals(voice)).toList());
        }
        heldOutLine("**all three**", Double.NaN, checked);
        line("");
        double threshold = tune(checked);
        line(String.format(
                Locale.ROOT,
                "Held out: other sentences (%d other commands and %d other questions × the same voices; %d of"
                        + " those %d commands heard right), and the first sentences spoken by other espeak-ng voices;"
                        + " threshold tuned on all the utterances above:",
                COMMANDS_HELD_OUT.size(),
                OUT_OF_DOMAIN_HELD_OUT.size(),
                heldOut.stream().filter(Checked::heardRight).count(),
                heldOut.stream().filter(Checked::command).count()));
        line("");
        line("| set | tuned threshold | questions rejected | commands lost | misheard commands emptied |");
        line("|---|---|---|---|---|");
        heldOutLine("held-out sentences", threshold, heldOut);
        for (String voice : VOICES_HELD_OUT) {
            List<Checked> spoken =
                    otherVoices.stream().filter(c -> c.voice().equals(voice)).toList();
            long heardRight = spoken.stream().filter(Checked::heardRight).count();
            heldOutLine(
                    "voice " + voice + " (" + heardRight + " of the " + COMMANDS.size() + " commands heard right)",
                    threshold,
                    spoken);
        }
        heldOutLine("the " + VOICES_HELD_OUT.size() + " other voices", threshold, otherVoices);
        line("");
        line("Mismatch per utterance (command: sentence → heard, mismatch): "
                + String.join(
                        "; ",
                        java.util.stream.Stream.of(checked, heldOut, otherVoices)
                                .flatMap(List::stream)
                                .map(c -> String.format(
                                        Locale.ROOT,
                                        "%s %s: \"%s\" → \"%s\" %.2f",
                                        c.voice(),
                                        c.command() ? "command" : "question",
                                        c.sentence(),
                                        c.heard(),
                                        c.mismatch()))
                                .toList()));
    }

    /** Every sentence of both lists spoken by each of {@code voices}, decoded with the check measuring. */
    private static List<Checked> check(
            SphinxRecognizer sphinx,
            List<String> voices,
            List<String> commands,
            List<String> questions,
            long[] nanos,
            double[] audio)
            throws Exception {
        List<Checked> checked = new ArrayList<>();
        for (String voice : voices) {
            for (boolean command : List.of(true, false)) {
                for (String sentence : command ? commands : questions) {
                    byte[] samples = TestSpeech.samples(TestSpeech.speak(sentence, voice, 0.5, 0.8));
                    long t0 = System.nanoTime();
                    String heard = sphinx.decode(samples).text();
                    nanos[0] += System.nanoTime() - t0;
                    audio[0] += samples.length / 32000.0;
                    checked.add(new Checked(voice, command, sentence, heard, sphinx.lastMismatch()));
                }
            }
        }
        return checked;
    }

    /** One row: {@code threshold} NaN = the rows above counted together (each voice at its own threshold). */
    private void heldOutLine(String label, double threshold, List<Checked> test) {
        if (Double.isNaN(threshold)) {
            long rejected = 0;
            long lost = 0;
            long misheard = 0;
            for (String voice : VOICES) {
                double t =
                        tune(test.stream().filter(c -> !c.voice().equals(voice)).toList());
                List<Checked> mine =
                        test.stream().filter(c -> c.voice().equals(voice)).toList();
                rejected += mine.stream()
                        .filter(c -> !c.command() && c.rejectedAt(t))
                        .count();
                lost += mine.stream().filter(c -> c.lostAt(t)).count();
                misheard += mine.stream()
                        .filter(c -> c.command() && !c.heardRight() && c.rejectedAt(t))
                        .count();
            }
            long questions = test.stream().filter(c -> !c.command()).count();
            long commands = test.stream().filter(Checked::command).count();
            long wrong =
                    test.stream().filter(c -> c.command() && !c.heardRight()).count();
            line(String.format(
                    Locale.ROOT,
                    "| %s | | **%s** | **%s** | %d/%d |",
                    label,
                    percent(rejected, questions),
                    percent(lost, commands),
                    misheard,
                    wrong));
            return;
        }
        line(String.format(
                Locale.ROOT,
                "| %s | %.3f | %s | %s | %s |",
                label,
                threshold,
                rejectedText(test, false, threshold),
                lostText(test, threshold),
                misheardText(test, threshold)));
    }

    /**
     * The threshold (just below one of the mismatches seen) that rejects the most questions losing at most 5 % of the
     * commands.
     */
    static double tune(List<Checked> checked) {
        double best = Double.MAX_VALUE;
        long bestRejected = -1;
        long commands = checked.stream().filter(Checked::command).count();
        for (Checked candidate : checked) {
            if (Double.isNaN(candidate.mismatch())) {
                continue;
            }
            // just below a mismatch seen: that utterance and every worse one are rejected
            double threshold = candidate.mismatch() - 1e-9;
            long lost = checked.stream().filter(c -> c.lostAt(threshold)).count();
            long rejected = checked.stream()
                    .filter(c -> !c.command() && c.rejectedAt(threshold))
                    .count();
            if (lost <= 0.05 * commands && (rejected > bestRejected || rejected == bestRejected && threshold > best)) {
                best = threshold;
                bestRejected = rejected;
            }
        }
        return best;
    }

    private static String rejectedText(List<Checked> checked, boolean commands, double threshold) {
        List<Checked> kind =
                checked.stream().filter(c -> c.command() == commands).toList();
        return percent(kind.stream().filter(c -> c.rejectedAt(threshold)).count(), kind.size());
    }

    private static String lostText(List<Checked> checked, double threshold) {
        return percent(
                checked.stream().filter(c -> c.lostAt(threshold)).count(),
                checked.stream().filter(Checked::command).count());
    }

    private static String misheardText(List<Checked> checked, double threshold) {
        List<Checked> wrong =
                checked.stream().filter(c -> c.command() && !c.heardRight()).toList();
        return wrong.stream().filter(c -> c.rejectedAt(threshold)).count() + "/" + wrong.size();
    }

    private static String percent(long n, long of) {
        return String.format(Locale.ROOT, "%.1f %% (%d/%d)", 100.0 * n / of, n, of);
    }

    private final List<String> rejectionNotes = new ArrayList<>();

    // ---- latency through the module ------------------------------------------------------------------

    /**
     * Latency of 6 commands through the module over MQTT; {@code checkDomain}: with the out-of-domain check on
     * (CHORUS_ASR_REJECT_OOD), whose free decode runs alongside the grammar's.
     */
    private void latency(boolean checkDomain) throws Exception {
        InProcessBroker broker = InProcessBroker.withAcl("asr sub chorus/nlu/grammar", "nlu pub chorus/nlu/grammar");
        broker.start();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        List<Double> vadWaits = new ArrayList<>();
        List<Double> rests = new ArrayList<>();
        List<Double> totals = new ArrayList<>();
        try (FakeModule nlu = FakeModule.start(broker, "nlu");
                ApplicationContext asr = ModuleHarness.of("asr", broker)
                        .env(dev.chorus.asr.AsrSettingsLoader.REJECT_OOD, Boolean.toString(checkDomain))
                        .startConnected();
                TestMqttClient mic = TestMqttClient.connect(broker, "operator")
                        .subscribe(Topics.ASR_TEXT_CAPTURED, Topics.ASR_RECORDING_FINISHED, Topics.listening("asr"))) {
            nlu.publishRetainedJson(Topics.NLU_GRAMMAR, BENCH);
            asr.getBean(dev.chorus.asr.decode.DecoderPool.class).awaitLoaded(2, TimeUnit.MINUTES);
            List<String> sentences = List.of(
                    "set a timer for five minutes",
                    "turn off the bedroom light",
                    "what is the weather like",
                    "set the volume to seven",
                    "turn on the kitchen light",
                    "set a timer for two minutes");
            int run = 0;
            for (String sentence : sentences) {
                double padBefore = 0.5;
                Path wav = TestSpeech.speak(sentence, "en-us", padBefore, 2.0);
                byte[] samples = TestSpeech.samples(wav);
                double speechEnd = padBefore + speechSeconds(sentence);
                String session = "lat-" + run++;
                mic.clear();
                mic.publishJson(
                        Topics.ASR_START_LISTENING,
                        new AsrStartListening("bench", session, null, true, false, null, null));
                mic.await(
                        Topics.listening("asr"),
                        m -> m.json(ListeningSites.class).siteIds().contains("bench"));
                AtomicLong lastSpeechSent = new AtomicLong();
                List<byte[]> frames = TestSpeech.frames(samples);
                int lastSpeechFrame = (int) Math.min(frames.size() - 1, Math.floor(speechEnd * 32000 / 2048));
                CountDownLatch sent = new CountDownLatch(1);
                AtomicInteger next = new AtomicInteger();
                // 2048 bytes = 64 ms of audio per frame, sent in real time as a microphone does
                ScheduledFuture<?> task = pacer.scheduleAtFixedRate(
                        () -> {
                            int i = next.getAndIncrement();
                            if (i >= frames.size()) {
                                sent.countDown();
                                return;
                            }
                            mic.publish(Topics.audioFrame("bench"), frames.get(i), 0, false);
                            if (i == lastSpeechFrame) {
                                lastSpeechSent.set(System.nanoTime());
                            }
                        },
                        0,
                        64,
                        TimeUnit.MILLISECONDS);
                // the test client keeps no arrival times: poll every millisecond (resolution ~1-2 ms)
                long finishedAt = arrival(
                        mic, Topics.ASR_RECORDING_FINISHED, m -> m.text().contains(session));
                long textAt = arrival(
                        mic,
                        Topics.ASR_TEXT_CAPTURED,
                        m -> session.equals(m.json(AsrTextCaptured.class).sessionId()));
                TestMqttClient.Received text = mic.await(
                        Topics.ASR_TEXT_CAPTURED,
                        m -> session.equals(m.json(AsrTextCaptured.class).sessionId()));
                task.cancel(false);
                // the last speech frame ends speechEnd within it: correct for the part of the frame after it
                double frameTail = (lastSpeechFrame + 1) * 0.064 - speechEnd;
                double vadWait = (finishedAt - lastSpeechSent.get()) / 1e9 + frameTail;
                double rest = (textAt - finishedAt) / 1e9;
                vadWaits.add(vadWait);
                rests.add(rest);
                totals.add(vadWait + rest);
                line(String.format(
                        Locale.ROOT,
                        "- \"%s\" → \"%s\": VAD wait %.0f ms, rest %.0f ms",
                        sentence,
                        text.json(AsrTextCaptured.class).text(),
                        vadWait * 1000,
                        rest * 1000));
            }
        } finally {
            pacer.shutdownNow();
            broker.close();
        }
        line("");
        line(String.format(
                Locale.ROOT,
                "Latency last speech sample → textCaptured (6 commands of 1.5-2.5 s, frames paced at real time,"
                        + " CHORUS_ASR_SILENCE 600 ms, CHORUS_ASR_REJECT_OOD %s): VAD trailing-silence wait median %.0f ms (max %.0f);"
                        + " the rest (recordingFinished → textCaptured: decoding the tail, MQTT) median %.0f ms"
                        + " (max %.0f); total median %.0f ms.",
                checkDomain,
                median(vadWaits) * 1000,
                max(vadWaits) * 1000,
                median(rests) * 1000,
                max(rests) * 1000,
                median(totals) * 1000));
    }

    /** System.nanoTime() when a matching message is seen. */
    private static long arrival(TestMqttClient mic, String topic, Predicate<TestMqttClient.Received> matches) {
        Awaitility.await()
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1))
                .atMost(Duration.ofSeconds(60))
                .until(() -> mic.received(topic).stream().anyMatch(matches));
        return System.nanoTime();
    }

    private static double speechSeconds(String sentence) throws Exception {
        Path wav = TestSpeech.speak(sentence, "en-us", 0, 0);
        byte[] samples = TestSpeech.samples(wav);
        int last = samples.length / 2 - 1;
        while (last > 0 && Math.abs((short) ((samples[2 * last] & 0xFF) | (samples[2 * last + 1] << 8))) < 300) {
            last--;
        }
        return (last + 1) / 16000.0;
    }

    // ---- memory --------------------------------------------------------------------------------------

    private void memory() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "bench", "memory"));
        long before = usedHeap();
        long rssBefore = rssKb();
        List<SphinxRecognizer> loaded = new ArrayList<>();
        loaded.add(SphinxRecognizer.load(dir.resolve("a")));
        loaded.get(0).useGrammar("b", BENCH.jsgf(null));
        long one = usedHeap();
        loaded.add(SphinxRecognizer.load(dir.resolve("b")));
        loaded.get(1).useGrammar("b", BENCH.jsgf(null));
        long two = usedHeap();
        loaded.add(SphinxRecognizer.load(
                dir.resolve("c"),
                new dev.chorus.asr.decode.Rejection(0, dev.chorus.asr.AsrSettingsLoader.DEFAULT_OOD_THRESHOLD)));
        loaded.get(2).useGrammar("b", BENCH.jsgf(null));
        long checked = usedHeap();
        line("");
        line(String.format(
                Locale.ROOT,
                "Memory: a loaded recogniser with the bench grammar holds %d MB of heap, a second one %d MB more,"
                        + " a third with the out-of-domain check (CHORUS_ASR_REJECT_OOD) %d MB more;"
                        + " RSS of this JVM grew %d MB over the three (%s, %d recognisers alive).",
                (one - before) >> 20,
                (two - one) >> 20,
                (checked - two) >> 20,
                (rssKb() - rssBefore) >> 10,
                ManagementFactory.getRuntimeMXBean().getVmVersion(),
                loaded.size()));
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip() + " (2 cores, shared with five other engineers)";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** Word errors (Levenshtein over words) and exact sentences. */
    static final class Score {
        int words;
        int wordErrors;
        int exact;
        int count;
        final List<String> errors = new ArrayList<>();

        void add(String expected, String heard) {
            String[] e = expected.split(" ");
            String[] h = heard.isBlank() ? new String[0] : heard.strip().split("\\s+");
            int distance = distance(e, h);
            words += e.length;
            wordErrors += distance;
            count++;
            if (distance == 0) {
                exact++;
            } else {
                errors.add("\"" + expected + "\" → \"" + heard + "\"");
            }
        }

        void merge(Score other) {
            words += other.words;
            wordErrors += other.wordErrors;
            exact += other.exact;
            count += other.count;
            errors.addAll(other.errors);
        }

        String wer() {
            return String.format(Locale.ROOT, "%.1f %%", 100.0 * wordErrors / Math.max(1, words));
        }

        String sentences() {
            return exact + "/" + count;
        }

        static int distance(String[] a, String[] b) {
            int[][] d = new int[a.length + 1][b.length + 1];
            for (int i = 0; i <= a.length; i++) {
                d[i][0] = i;
            }
            for (int j = 0; j <= b.length; j++) {
                d[0][j] = j;
            }
            for (int i = 1; i <= a.length; i++) {
                for (int j = 1; j <= b.length; j++) {
                    int cost = a[i - 1].equals(b[j - 1]) ? 0 : 1;
                    d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                }
            }
            return d[a.length][b.length];
        }
    }
}
