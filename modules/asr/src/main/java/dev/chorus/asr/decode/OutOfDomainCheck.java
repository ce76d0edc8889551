package dev.chorus.asr.decode;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A second, free decode of the utterance with Sphinx4's large-vocabulary English model ({@code en-us.lm.bin}, no
 * grammar), to tell whether the grammar's sentence is what was said. The grammar forces any speech onto its nearest
 * sentence; when the speech is a command, that path is close to the free decode's, and when it is something else
 * the free decode matches the audio much better, and the grammar path spends the speech it cannot place in silence.
 * Both show in the {@link #mismatch}. The words of the free decode are not used: on the test speech they are mostly
 * wrong (docs/performance.md), its path's score and where it puts silence are what tell.
 *
 * <p>One per {@link SphinxRecognizer}, decoding on its own thread beside it. Its own recogniser holds a second copy of the acoustic model,
 * the dictionary and the language model.
 */
final class OutOfDomainCheck {

    private static final String LANGUAGE_MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us.lm.bin";

    /**
     * Paths kept per frame (states, words) in the free decode: a tenth of the grammar's 20 000, which made the free
     * decode 8 × slower than real time (research note); with these it ran at ~0.4 × on the benchmark.
     */
    private static final String BEAM = "2000";

    private static final String WORD_BEAM = "20";

    /**
     * Language weight of the free decode (the grammar decode keeps asr.config.xml's 8). With 8 the language model
     * pulls the free best path towards frequent words rather than what fits the audio, and the path's acoustic score
     * is all this check uses; with 4 it follows the audio more. On the benchmark (docs/performance.md, "Out-of-grammar
     * rejection") about as many questions were rejected at the same commands lost, but the threshold tuned on two
     * voices came out at 1.32 whichever voice was left out (0.86-1.12 with 8), so held out only 2 of 66 commands were
     * lost instead of 7. Weights 3 and 2 separated worse.
     */
    static final String LANGUAGE_WEIGHT = "4";

    /**
     * Weight of the silence share in the {@link #mismatch}, in nats per frame for a grammar path that is silent on
     * every frame where the free path is not. A question forced onto a short command leaves its other words to the
     * grammar's silence while the free decode puts words there; a command's two paths place silence alike. Chosen on
     * the benchmark (docs/performance.md, "Out-of-grammar rejection"): 2.5-3 rejected the most questions at the same
     * commands lost, 0 (the acoustic score alone), 1 and 5 fewer.
     */
    static final double SILENCE_WEIGHT = 3;

    /** Sphinx4 frames are 10 ms: 160 samples of 2 bytes at 16 kHz. */
    private static final int BYTES_PER_FRAME = SphinxRecognizer.SAMPLE_RATE / 100 * 2;

    private final Context context;
    private final Recognizer recognizer;
    private final double threshold;
    /** Daemon: a decoder lives as long as the module, and must not keep a stopping JVM alive. */
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "asr-out-of-domain");
        t.setDaemon(true);
        return t;
    });

    private OutOfDomainCheck(Context context, double threshold) {
        this.context = context;
        this.threshold = threshold;
        this.recognizer = context.getInstance(Recognizer.class);
    }

    /** Loads the language model (seconds); {@code threshold} in nats per frame, see {@link #rejects}. */
    static OutOfDomainCheck load(Configuration base, String config, double threshold) throws IOException {
        Configuration free = new Configuration();
        free.setAcousticModelPath(base.getAcousticModelPath());
        free.setDictionaryPath(base.getDictionaryPath());
        free.setSampleRate(base.getSampleRate());
        free.setLanguageModelPath(LANGUAGE_MODEL);
        free.setUseGrammar(false);
        Context context = new Context(config, free);
        // local to the free decode's linguist: a global property would re-initialise the live front end
        context.setLocalProperty("lexTreeLinguist->languageWeight", LANGUAGE_WEIGHT);
        context.setLocalProperty("standardActiveListFactory->absoluteBeamWidth", BEAM);
        context.setLocalProperty("wordActiveListFactory->absoluteBeamWidth", WORD_BEAM);
        OutOfDomainCheck check = new OutOfDomainCheck(context, threshold);
        check.recognizer.allocate();
        return check;
    }

    /**
     * Starts the free decode of what {@code audio} carries, on this check's own thread, so that it runs alongside the
     * grammar decode while the speaker speaks; its score comes once the stream has ended and the rest is decoded.
     * One at a time: wait for the score before starting the next.
     */
    Future<AcousticScore> start(InputStream audio) {
        return thread.submit(() -> {
            context.setSpeechSource(audio);
            AcousticScore free = AcousticScore.NONE;
            Result result;
            while ((result = recognizer.recognize()) != null) {
                free = free.plus(AcousticScore.of(result));
            }
            return free;
        });
    }

    /**
     * How much worse the grammar's path ({@code grammar}) fits {@code bytes} of audio than the free decode's
     * ({@code free}), per 10 ms frame: the acoustic log-likelihood the free path gains (nats per frame), plus
     * {@link #SILENCE_WEIGHT} times the share of frames the grammar path spends in silence or noise beyond the free
     * path's.
     */
    static double mismatch(AcousticScore free, AcousticScore grammar, long bytes) {
        double frames = Math.max(1, bytes / BYTES_PER_FRAME);
        double acoustic = (free.logLikelihood() - grammar.logLikelihood()) / frames;
        double silence = (grammar.fillerFrames() - free.fillerFrames()) / frames;
        return acoustic + SILENCE_WEIGHT * silence;
    }

    /** Whether the mismatch is above the threshold: not a command, however close the grammar's sentence. */
    boolean rejects(double mismatch) {
        return mismatch > threshold;
    }
}
