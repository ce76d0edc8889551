package dev.chorus.asr.decode;

import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.linguist.HMMSearchState;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.util.LogMath;

/**
 * What a search's best path says about the audio, so that two searches over the same audio can be compared: its
 * acoustic log-likelihood (natural log; the sum over its frames of how well the acoustic model matches the state the
 * path is in, without the grammar's or language model's share) and how many of its frames it spends in fillers
 * (silence, noise).
 *
 * @param logLikelihood acoustic log-likelihood of the path, natural log
 * @param fillerFrames  10 ms frames the path spends in filler units
 */
record AcousticScore(double logLikelihood, int fillerFrames) {

    static final AcousticScore NONE = new AcousticScore(0, 0);

    /** {@link #NONE} when the result has no path. */
    static AcousticScore of(Result result) {
        Token best = result.getBestFinalToken();
        if (best == null) {
            best = result.getBestToken();
        }
        double log = 0;
        int fillers = 0;
        // Sphinx4 keeps the whole token chain here (keepAllTokens in asr.config.xml; the flat linguist always does)
        for (Token t = best; t != null; t = t.getPredecessor()) {
            if (t.isEmitting()) {
                log += t.getAcousticScore();
                if (t.getSearchState() instanceof HMMSearchState state
                        && state.getHMMState().getHMM().getBaseUnit().isFiller()) {
                    fillers++;
                }
            }
        }
        // in double: a sentence's score (~-5e8 in Sphinx4's base-1.0001 logs) is beyond a float's precision
        return new AcousticScore(log * Math.log(LogMath.getLogMath().getLogBase()), fillers);
    }

    /** The score of this path followed by {@code next} (an utterance decoded as several results). */
    AcousticScore plus(AcousticScore next) {
        return new AcousticScore(logLikelihood + next.logLikelihood, fillerFrames + next.fillerFrames);
    }
}
