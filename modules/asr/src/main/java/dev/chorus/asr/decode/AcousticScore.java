package dev.chorus.asr.decode;

import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.util.LogMath;

/**
 * The acoustic log-likelihood (natural log) of a result's best path: the sum over its frames of how well the acoustic
 * model matches the state the path is in, without the grammar's or language model's share, so that two searches over
 * the same audio can be compared.
 */
final class AcousticScore {

    private AcousticScore() {}

    /** 0 when the result has no path. */
    static double of(Result result) {
        Token best = result.getBestFinalToken();
        if (best == null) {
            best = result.getBestToken();
        }
        double log = 0;
        // Sphinx4 keeps the whole token chain here (keepAllTokens in asr.config.xml; the flat linguist always does)
        for (Token t = best; t != null; t = t.getPredecessor()) {
            if (t.isEmitting()) {
                log += t.getAcousticScore();
            }
        }
        // in double: a sentence's score (~-5e8 in Sphinx4's base-1.0001 logs) is beyond a float's precision
        return log * Math.log(LogMath.getLogMath().getLogBase());
    }
}
