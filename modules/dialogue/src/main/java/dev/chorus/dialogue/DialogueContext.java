package dev.chorus.dialogue;

import java.util.List;
import java.util.function.Supplier;

/**
 * What every {@link SiteDialogue} shares: configuration, sounds, the way out, the timers, new ids and the global
 * default intent filter ({@code hermes/dialogueManager/configure}).
 *
 * @param ids           a new unique id per call (session, say and sound request ids)
 * @param defaultFilter the configured default intent filter, or null (every intent)
 */
public record DialogueContext(
        DialogueSettings settings,
        FeedbackSounds sounds,
        DialogueOutput out,
        Timers timers,
        Supplier<String> ids,
        Supplier<List<String>> defaultFilter) {}
