package dev.chorus.skills.example;

import dev.chorus.skills.OnIntent;
import dev.chorus.skills.Skill;

/** A skill with a bug, for the dispatcher's error path. */
@Skill
public class FailingSkill {

    @OnIntent("Explode")
    public String explode() {
        throw new IllegalStateException("boom");
    }
}
