package dev.chorus.skills;

import dev.chorus.protocol.messages.Addressed;

/**
 * Side effects of skills beyond the answer: inject it into a {@link Skill}'s constructor (it is a bean), or take
 * it as a parameter of an {@link OnIntent} method. {@code SkillTester} gives skills a recording one.
 */
public interface SkillContext {

    /**
     * Speaks {@code text} on {@code siteId} outside any intent's session, e.g. later when a timer rings: a
     * {@code hermes/dialogueManager/startSession} with a notification init for that site.
     */
    void speak(String siteId, String text);

    /** Publishes a Hermes message (its record knows its topic); the module's principal must be allowed to. */
    void publish(Addressed message);
}
