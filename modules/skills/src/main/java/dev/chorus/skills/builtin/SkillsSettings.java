package dev.chorus.skills.builtin;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The skills module's validated configuration (see {@link SkillsSettingsLoader} and modules/skills/CONFIG.md).
 *
 * @param zone           the time zone the time and date are told in
 * @param webhookUrls    where intents are POSTed; empty = no forwarding
 * @param webhookIntents the intents forwarded; empty = every intent no skill of this module answers
 * @param webhookTimeout how long one webhook may take to answer
 */
public record SkillsSettings(
        ZoneId zone, List<URI> webhookUrls, Optional<Set<String>> webhookIntents, Duration webhookTimeout) {

    public SkillsSettings {
        webhookUrls = List.copyOf(webhookUrls);
        webhookIntents = webhookIntents.map(Set::copyOf);
    }
}
