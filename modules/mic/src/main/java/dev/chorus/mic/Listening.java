package dev.chorus.mic;

import dev.chorus.protocol.messages.ListeningSites;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which sites stream now, from explicit signals only: a site streams while at least one module whose last
 * retained {@code chorus/status/{module}} says online lists it (or {@code "*"}) on its retained
 * {@code chorus/listening/{module}}, and no {@code hermes/audioServer/toggleOff} has switched the site off since its
 * last {@code toggleOn}. A module that goes offline keeps its list, which counts again when it is back online (it
 * republishes it anyway). Toggles are not persisted: a restarted mic streams every listened site.
 */
@Singleton
public class Listening {

    private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

    // guarded by this
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Set<String> online = new HashSet<>();
    private final Set<String> off = new HashSet<>();

    /** Whether {@code siteId}'s audio is wanted now. */
    public synchronized boolean streams(String siteId) {
        if (off.contains(siteId)) {
            return false;
        }
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            if (online.contains(e.getKey())
                    && (e.getValue().contains(ListeningSites.ALL_SITES)
                            || e.getValue().contains(siteId))) {
                return true;
            }
        }
        return false;
    }

    /** {@code module}'s list of sites; null when its retained list was cleared. */
    public synchronized void listening(String module, List<String> siteIds) {
        if (siteIds == null) {
            lists.remove(module);
        } else {
            lists.put(module, List.copyOf(siteIds));
        }
        LOG.info("{} listens to {}", module, siteIds == null ? "nothing (cleared)" : siteIds);
    }

    public synchronized void status(String module, boolean isOnline) {
        boolean changed = isOnline ? online.add(module) : online.remove(module);
        if (changed && lists.containsKey(module)) {
            LOG.info(
                    "{} is {}: its sites {}",
                    module,
                    isOnline ? "online" : "offline",
                    isOnline ? "count" : "no longer count");
        }
    }

    public synchronized void toggle(String siteId, boolean on) {
        boolean changed = on ? off.remove(siteId) : off.add(siteId);
        if (changed) {
            LOG.info("site {} toggled {}", siteId, on ? "on" : "off");
        }
    }
}
