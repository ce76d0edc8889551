package dev.chorus.protocol.toggle;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Rhasspy's toggle semantics per site for {@code hermes/hotword/*} and {@code hermes/asr/*} (protocol.md §5, §6):
 * {@code toggleOff} adds its reason to the site's set, {@code toggleOn} removes its reason ({@code ""} clears them
 * all); a site is enabled only while its set is empty, and every site starts enabled. Thread-safe.
 */
public final class SiteToggles {

    private final Map<String, Set<String>> offReasons = new HashMap<>();

    public synchronized boolean enabled(String siteId) {
        return !offReasons.containsKey(siteId);
    }

    /** Returns true when the site was enabled until now. */
    public synchronized boolean off(String siteId, String reason) {
        boolean was = !offReasons.containsKey(siteId);
        offReasons.computeIfAbsent(siteId, s -> new HashSet<>()).add(reason);
        return was;
    }

    /** Returns true when the site is enabled again by this call. */
    public synchronized boolean on(String siteId, String reason) {
        Set<String> reasons = offReasons.get(siteId);
        if (reasons == null) {
            return false;
        }
        if (reason.isEmpty()) {
            reasons.clear();
        } else {
            reasons.remove(reason);
        }
        if (reasons.isEmpty()) {
            offReasons.remove(siteId);
            return true;
        }
        return false;
    }

    /** The sites switched off now. */
    public synchronized Set<String> offSites() {
        return Set.copyOf(offReasons.keySet());
    }
}
