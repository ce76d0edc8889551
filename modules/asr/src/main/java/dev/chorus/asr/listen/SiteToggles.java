package dev.chorus.asr.listen;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code hermes/asr/toggleOff|toggleOn} per site (protocol.md section 5): toggleOff adds its reason to the site's
 * set, toggleOn removes it ({@code ""} clears all); the site is on while its set is empty. While off, its audio
 * frames are ignored (the sessions stay, as in Rhasspy).
 */
@Singleton
public class SiteToggles {

    private final Map<String, Set<String>> disabled = new HashMap<>();

    public synchronized void off(String siteId, String reason) {
        disabled.computeIfAbsent(siteId, s -> new HashSet<>()).add(reason);
    }

    public synchronized void on(String siteId, String reason) {
        Set<String> reasons = disabled.get(siteId);
        if (reasons == null) {
            return;
        }
        if (reason.isEmpty()) {
            reasons.clear();
        } else {
            reasons.remove(reason);
        }
        if (reasons.isEmpty()) {
            disabled.remove(siteId);
        }
    }

    public synchronized boolean enabled(String siteId) {
        return !disabled.containsKey(siteId);
    }
}
