package dev.chorus.asr.decode;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A second, free decode of the utterance with Sphinx4's large-vocabulary English model ({@code en-us.lm.bin}, no
 * grammar), to tell whether the grammar's sentence is what was said. The grammar forces any speech onto its nearest
 * sentence; when the speech is a command, that path's acoustic score is close to the free decode's, and when it is
 * something else the free decode matches the audio much better. The words of the free decode are not used: on the
 * test speech they are mostly wrong (docs/performance.md), its acoustic score is what tells.
 *
 * <p>Not thread-safe; one per {@link SphinxRecognizer}. Its own recogniser holds a second copy of the acoustic model,
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

    /** Sphinx4 frames are 10 ms: 160 samples of 2 bytes at 16 kHz. */
    private static final int BYTES_PER_FRAME = SphinxRecognizer.SAMPLE_RATE / 100 * 2;

    private final Context context;
    private final Recognizer recognizer;
    private final double threshold;

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
     * How much better per 10 ms frame (natural log) the free decode matches {@code samples} than the grammar path
     * whose acoustic score is {@code grammarScore} ({@link AcousticScore}).
     */
    double mismatch(byte[] samples, double grammarScore) {
        context.setSpeechSource(new ByteArrayInputStream(samples));
        double free = 0;
        Result result;
        while ((result = recognizer.recognize()) != null) {
            free += AcousticScore.of(result);
        }
        return (free - grammarScore) / Math.max(1, samples.length / BYTES_PER_FRAME);
    }

    /** Whether the mismatch is above the threshold: not a command, however close the grammar's sentence. */
    boolean rejects(double mismatch) {
        return mismatch > threshold;
    }
}
