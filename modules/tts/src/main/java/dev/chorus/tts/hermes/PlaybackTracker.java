package dev.chorus.tts.hermes;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playBytes still waiting for their {@code playFinished}, by site and requestId. Register
 * with {@link #expect} before publishing, so that a fast audio server cannot answer too early.
 */
@Singleton
class PlaybackTracker {

    private static final Logger LOG = LoggerFactory.getLogger(PlaybackTracker.class);

    private record Key(String siteId, String requestId) {}

    private final Map<Key, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /** A future completed by the playFinished of {@code requestId} on {@code siteId}. */
    CompletableFuture<Void> expect(final String siteId, final String requestId) {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final CompletableFuture<Void> before = pending.put(new Key(siteId, requestId), done);
        if (before != null) {
            before.cancel(false); // the same requestId again on the same site: the old wait is over
        }
        return done;
    }

    /** A playFinished arrived. */
    void finished(final String siteId, final String requestId) {
        final CompletableFuture<Void> done = requestId == null ? null : pending.remove(new Key(siteId, requestId));
        if (done == null) {
            LOG.debug("playFinished {} on {}: not ours or too late", requestId, siteId);
        } else {
            done.complete(null);
        }
    }

    /** Stops waiting for {@code requestId} (timed out or never published). */
    void forget(final String siteId, final String requestId, final CompletableFuture<Void> done) {
        pending.remove(new Key(siteId, requestId), done);
    }

    /** Stops every wait of {@code siteId} (the site was stopped): the waiting futures are cancelled. */
    void cancelSite(final String siteId) {
        pending.entrySet().removeIf(e -> {
            if (e.getKey().siteId().equals(siteId)) {
                e.getValue().cancel(false);
                return true;
            }
            return false;
        });
    }

    int waiting() {
        return pending.size();
    }
}
