package dev.chorus.tts.hermes;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code chorus/audioServer/{siteId}/stop} as a counter per site: a say being spoken notes the count when it
 * starts and stops sending sentences once the count moved on. Says that start after a stop are not affected.
 */
@Singleton
class SiteStops {

    private final Map<String, Long> stops = new ConcurrentHashMap<>();

    long count(final String siteId) {
        return stops.getOrDefault(siteId, 0L);
    }

    boolean stoppedSince(final String siteId, final long count) {
        return count(siteId) != count;
    }

    void stop(final String siteId) {
        stops.merge(siteId, 1L, Long::sum);
    }
}
