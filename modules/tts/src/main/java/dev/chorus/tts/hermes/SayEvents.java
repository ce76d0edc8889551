package dev.chorus.tts.hermes;

/**
 * Observes a say's progress (tests, benchmarks); every bean of this type is called, from the
 * site's worker thread. Implementations must be quick and never throw.
 */
public interface SayEvents {

    /** The say with playBytes requestId {@code requestId} starts on its site; it arrived at {@code receivedAt}. */
    default void started(final String siteId, final String requestId, final long receivedAt, final long nanoTime) {}

    /** Chunk {@code k} of {@code n} of the say with playBytes requestId {@code requestId} is synthesized. */
    default void synthesized(
            final String siteId, final String requestId, final int k, final int n, final long nanoTime) {}

    /** Chunk {@code k} of {@code n} is published (broker acknowledged) as playBytes {@code playId}. */
    default void published(
            final String siteId,
            final String requestId,
            final int k,
            final int n,
            final String playId,
            final long nanoTime) {}

    /**
     * The say's sayFinished is queued (after every playFinished or its deadline); the site's next say starts
     * after this, and its audio goes out on the same connection after this sayFinished.
     */
    default void finished(final String siteId, final String requestId, final long nanoTime) {}
}
