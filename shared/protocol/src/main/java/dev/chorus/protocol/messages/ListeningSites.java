package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.List;

/**
 * Retained on {@code chorus/listening/{module}}: the sites whose audio frames a module (wake, asr) wants now. The mic
 * module streams a site's {@code audioFrame}s only while at least one online module lists that site (or
 * {@link #ALL_SITES}), and a Hermes {@code hermes/audioServer/toggleOff} has not switched it off. Published by the
 * listening module whenever its set changes and on every (re)connect. Wire order module, siteIds.
 *
 * @param module  the module that listens (its own name; the broker lets it publish only its own topic)
 * @param siteIds the sites, or {@code ["*"]} for every site; empty when it listens to none
 */
@HermesMessage
public record ListeningSites(String module, List<String> siteIds) implements Addressed {

    /** A site id that stands for every site. */
    public static final String ALL_SITES = "*";

    public ListeningSites {
        Required.key(module, "module");
        Required.key(siteIds, "siteIds");
        siteIds = List.copyOf(siteIds);
    }

    /** Whether frames of {@code siteId} are wanted. */
    public boolean wants(String siteId) {
        return siteIds.contains(ALL_SITES) || siteIds.contains(siteId);
    }

    @Override
    public String topic() {
        return Topics.listening(module);
    }
}
