package dev.chorus.asr.decode;

/**
 * How a recogniser turns speech the commands do not cover into empty text (docs/performance.md, "Out-of-grammar
 * rejection"): either, both or neither of
 *
 * @param outOfGrammar Sphinx4's out-of-grammar branch probability (a phone loop beside the grammar), 0 = none
 * @param outOfDomain  the {@link OutOfDomainCheck} threshold in nats per 10 ms frame, or {@link Double#NaN} for no
 *                     check
 */
public record Rejection(double outOfGrammar, double outOfDomain) {

    public static final Rejection NONE = new Rejection(0, Double.NaN);

    boolean checksDomain() {
        return !Double.isNaN(outOfDomain);
    }
}
