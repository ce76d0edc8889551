package dev.chorus.asr.decode;

import dev.chorus.protocol.messages.AsrToken;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.jsgf.JSGFGrammar;
import edu.cmu.sphinx.linguist.dictionary.Dictionary;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.result.WordResult;
import edu.cmu.sphinx.util.LogMath;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One loaded Sphinx4 recogniser in grammar mode (en-us acoustic model, cmudict), kept allocated between
 * utterances (allocating it again would reload the dictionary every time). Not thread-safe: one thread uses it.
 *
 * <p>Its configuration is {@code asr.config.xml} next to this class: Sphinx4's default without the speech
 * start/end detector and, unless asked for, without out-of-grammar rejection (the combination that reached 3 % WER here, see
 * modules/asr/CONFIG.md). The utterance comes already cut by the module's VAD and is decoded whole.
 */
public final class SphinxRecognizer {

    /** Sphinx4 reads 16 kHz, 16-bit signed little-endian mono. */
    public static final int SAMPLE_RATE = 16_000;

    /**
     * Utterances shorter than this (0.3 s) are not decoded. Sphinx4's live CMN makes its first cepstral mean from the
     * first utterance however short it is: an empty one (a session stopped before any audio came) gives 0/0, every
     * later feature is NaN ("gs is Nan" on stdout) and the recogniser hears nothing again. No command is that short.
     */
    static final int MIN_BYTES = SAMPLE_RATE * 2 * 3 / 10;

    /** A sample this loud (about -30 dBFS) means there is sound, not silence, in the utterance. */
    private static final int LOUD = 1000;

    /**
     * The out-of-grammar branch probability {@code CHORUS_ASR_REJECT_OOG} turns on: the one of the values tried
     * (docs/performance.md "ASR") that lost no command.
     */
    public static final double OUT_OF_GRAMMAR_PROBABILITY = 1e-30;

    /** What Sphinx4 calls a stretch its out-of-grammar branch matched. */
    private static final String UNKNOWN = "<unk>";

    private static final String CONFIG = "resource:/dev/chorus/asr/decode/asr.config.xml";
    private static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";
    private static final String DICTIONARY = "resource:/edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";
    /** Sphinx4 reads a grammar from {@code <folder>/<name>.gram}. */
    private static final String PLACEHOLDER = "placeholder";

    private final Context context;
    private final Recognizer recognizer;
    private final JSGFGrammar grammar;
    private final Dictionary dictionary;
    private final Path grammarDir;
    /** The second decode that rejects out-of-domain speech, or null. */
    private final OutOfDomainCheck outOfDomain;

    private String grammarKey = "";
    private double lastMismatch = Double.NaN;

    private SphinxRecognizer(Context context, Path grammarDir, OutOfDomainCheck outOfDomain) {
        this.context = context;
        this.grammarDir = grammarDir;
        this.outOfDomain = outOfDomain;
        this.recognizer = context.getInstance(Recognizer.class);
        this.grammar = context.getInstance(JSGFGrammar.class);
        this.dictionary = context.getInstance(Dictionary.class);
    }

    /**
     * Loads the model (seconds) with a placeholder grammar; {@link #useGrammar} sets the real one.
     *
     * @param grammarDir a private folder for the grammar files Sphinx4 reads
     */
    public static SphinxRecognizer load(Path grammarDir) throws IOException {
        return load(grammarDir, Rejection.NONE);
    }

    /** As {@link #load(Path, Rejection)} with only Sphinx4's out-of-grammar branch ({@code outOfGrammar}, 0 = none). */
    public static SphinxRecognizer load(Path grammarDir, double outOfGrammar) throws IOException {
        return load(grammarDir, new Rejection(outOfGrammar, Double.NaN));
    }

    /**
     * As {@link #load(Path)}, with what {@code rejection} asks for: Sphinx4's out-of-grammar branch (a phone loop beside
     * the grammar, entered with probability {@code outOfGrammar}): speech that the phone loop matches better than any
     * grammar sentence comes out as no words; and/or the {@link OutOfDomainCheck} (a second recogniser with the large
     * language model, loaded here too).
     */
    public static SphinxRecognizer load(Path grammarDir, Rejection rejection) throws IOException {
        double outOfGrammar = rejection.outOfGrammar();
        Files.createDirectories(grammarDir);
        writeGrammar(grammarDir, PLACEHOLDER, "#JSGF V1.0;\ngrammar " + PLACEHOLDER + ";\npublic <command> = hello;\n");
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODEL);
        configuration.setDictionaryPath(DICTIONARY);
        configuration.setGrammarPath(grammarDir.toUri().toString());
        configuration.setGrammarName(PLACEHOLDER);
        configuration.setUseGrammar(true);
        configuration.setSampleRate(SAMPLE_RATE);
        Context context = new Context(CONFIG, configuration);
        if (outOfGrammar > 0) {
            context.setLocalProperty("flatLinguist->addOutOfGrammarBranch", "true");
            context.setLocalProperty("flatLinguist->outOfGrammarProbability", Double.toString(outOfGrammar));
        }
        OutOfDomainCheck check =
                rejection.checksDomain() ? OutOfDomainCheck.load(configuration, CONFIG, rejection.outOfDomain()) : null;
        SphinxRecognizer loaded = new SphinxRecognizer(context, grammarDir, check);
        loaded.recognizer.allocate();
        return loaded;
    }

    /** The words of {@code words} that the pronunciation dictionary does not have, sorted. */
    public Set<String> unknownWords(Iterable<String> words) {
        Set<String> unknown = new TreeSet<>();
        for (String word : words) {
            if (dictionary.getWord(word) == null) {
                unknown.add(word);
            }
        }
        return unknown;
    }

    /**
     * Makes {@code jsgf} (a whole JSGF grammar with public rule {@code <command>}) the grammar of the next
     * decodes, unless the grammar under {@code key} is loaded already. The recogniser recompiles its search graph
     * on the next decode.
     */
    public void useGrammar(String key, String jsgf) throws Exception {
        if (key.equals(grammarKey)) {
            return;
        }
        String name = "g" + Integer.toHexString(key.hashCode());
        writeGrammar(grammarDir, name, jsgf.replaceFirst("grammar [^;]+;", "grammar " + name + ";"));
        grammar.setBaseURL(grammarDir.toUri().toURL());
        grammarKey = "";
        grammar.loadJSGF(name);
        grammarKey = key;
    }

    /** Decodes one utterance of 16 kHz 16-bit mono little-endian samples. */
    public Transcript decode(byte[] samples) {
        return decode(new ByteArrayInputStream(samples));
    }

    /**
     * Decodes one utterance read from {@code audio} (16 kHz 16-bit mono little-endian) until its end of stream;
     * {@link Transcript#seconds()} is the time from the end of stream to the result.
     *
     * @return the best grammar sentence, empty text when nothing was recognised
     */
    public Transcript decode(InputStream audio) {
        lastMismatch = Double.NaN;
        byte[] head;
        try {
            head = headWithSound(audio);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the utterance", e);
        }
        if (head == null) {
            return Transcript.empty();
        }
        // the free decode of the out-of-domain check reads what the grammar decode reads, alongside it
        AudioPipe freeAudio = outOfDomain == null ? null : new AudioPipe();
        Future<AcousticScore> freeScore = freeAudio == null ? null : outOfDomain.start(freeAudio);
        EndTimed timed = new EndTimed(new SequenceInputStream(new ByteArrayInputStream(head), audio), freeAudio);
        context.setSpeechSource(timed);
        List<WordResult> words = new ArrayList<>();
        AcousticScore grammarScore = AcousticScore.NONE;
        try {
            Result result;
            while ((result = recognizer.recognize()) != null) {
                grammarScore = grammarScore.plus(AcousticScore.of(result));
                SpeechResult speech = new SpeechResult(result);
                for (WordResult word : speech.getWords()) {
                    if (!word.isFiller()
                            && !word.getWord().isSentenceStartWord()
                            && !word.getWord().isSentenceEndWord()) {
                        words.add(word);
                    }
                }
            }
        } finally {
            if (freeAudio != null) {
                freeAudio.close(); // ends the free decode too when the grammar decode failed
            }
        }
        // waited for in every case: the check's recogniser must be idle before the next utterance
        AcousticScore free = freeScore == null ? null : await(freeScore);
        if (words.stream().anyMatch(w -> w.getWord().getSpelling().equals(UNKNOWN))) {
            // the out-of-grammar branch won: not a command, however close the rest is to one
            return new Transcript("", 0.0, List.of(), timed.secondsSinceEnd());
        }
        if (free != null && !words.isEmpty()) {
            lastMismatch = OutOfDomainCheck.mismatch(free, grammarScore, timed.bytes());
            if (outOfDomain.rejects(lastMismatch)) {
                return new Transcript("", 0.0, List.of(), timed.secondsSinceEnd());
            }
        }
        return transcript(words, timed.secondsSinceEnd());
    }

    /**
     * The last decode's {@link OutOfDomainCheck} mismatch in nats per frame (NaN: no check, or nothing to check), for
     * the benchmark that tunes its threshold.
     */
    public double lastMismatch() {
        return lastMismatch;
    }

    /**
     * Reads the utterance up to its first loud sample (and at least {@link #MIN_BYTES}), keeping every byte, so that
     * the first cepstral mean is never made of silence alone: a session that ends with nothing but silence is not
     * decoded (null), and one with speech is decoded from its start, the waiting made up at the decoder's speed.
     */
    private static byte[] headWithSound(InputStream audio) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[640];
        boolean loud = false;
        while (!loud || head.size() < MIN_BYTES) {
            int n = audio.readNBytes(chunk, 0, chunk.length);
            if (n <= 0) {
                return loud && head.size() >= MIN_BYTES ? head.toByteArray() : null;
            }
            head.write(chunk, 0, n);
            for (int i = 0; i + 1 < n && !loud; i += 2) {
                loud = Math.abs((short) ((chunk[i] & 0xff) | (chunk[i + 1] << 8))) >= LOUD;
            }
        }
        return head.toByteArray();
    }

    private static AcousticScore await(Future<AcousticScore> score) {
        try {
            return score.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the out-of-domain check decoded", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the out-of-domain check's decode failed", e.getCause());
        }
    }

    /**
     * Notes when the stream ended, to tell the decoding left after the end from the decoding alongside, and how much
     * it read; hands what it reads on to the {@link OutOfDomainCheck}'s free decode when there is one.
     */
    private static final class EndTimed extends FilterInputStream {
        private volatile long endedNanos;
        private long bytes;
        private final AudioPipe copy;

        EndTimed(InputStream in, AudioPipe copy) {
            super(in);
            this.copy = copy;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0 && endedNanos == 0) {
                endedNanos = System.nanoTime();
                if (copy != null) {
                    copy.close();
                }
            }
            if (n > 0) {
                bytes += n;
                if (copy != null) {
                    copy.write(Arrays.copyOfRange(b, off, off + n));
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        long bytes() {
            return bytes;
        }

        double secondsSinceEnd() {
            return endedNanos == 0 ? 0.0 : (System.nanoTime() - endedNanos) / 1e9;
        }
    }

    private static Transcript transcript(List<WordResult> words, double seconds) {
        StringBuilder text = new StringBuilder();
        List<AsrToken> tokens = new ArrayList<>();
        double confidenceSum = 0;
        LogMath logMath = LogMath.getLogMath();
        for (WordResult word : words) {
            String spelling = word.getWord().getSpelling();
            if (text.length() > 0) {
                text.append(' ');
            }
            int start = text.length();
            text.append(spelling);
            double confidence = clamp(logMath.logToLinear((float) word.getConfidence()));
            confidenceSum += confidence;
            // Sphinx4 counts time in milliseconds of audio
            tokens.add(new AsrToken(
                    spelling,
                    confidence,
                    start,
                    text.length(),
                    new AsrToken.Time(
                            word.getTimeFrame().getStart() / 1000.0,
                            word.getTimeFrame().getEnd() / 1000.0)));
        }
        double likelihood = words.isEmpty() ? 0.0 : confidenceSum / words.size();
        return new Transcript(text.toString(), likelihood, tokens, seconds);
    }

    private static double clamp(double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, value));
    }

    private static void writeGrammar(Path dir, String name, String jsgf) {
        try {
            Files.writeString(dir.resolve(name + ".gram"), jsgf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recognition grammar into " + dir, e);
        }
    }
}
