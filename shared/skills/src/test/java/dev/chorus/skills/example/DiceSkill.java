package dev.chorus.skills.example;

import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.skills.Answer;
import dev.chorus.skills.IntentRequest;
import dev.chorus.skills.OnIntent;
import dev.chorus.skills.Skill;
import dev.chorus.skills.SkillContext;
import java.util.concurrent.ThreadLocalRandom;

/** Rolls dice; asks back when the number of sides makes no sense. */
@Skill
public class DiceSkill {

    private final SkillContext context;

    public DiceSkill(SkillContext context) {
        this.context = context;
    }

    @OnIntent("RollDice")
    public Answer roll(IntentRequest request) {
        long sides = request.integer("sides").orElse(6L);
        if (sides < 2) {
            return Answer.continueWith("A die needs two sides at least. How many sides?", "RollDice");
        }
        long rolled = 1 + ThreadLocalRandom.current().nextLong(sides);
        return Answer.end("You rolled a " + rolled + ".");
    }

    @OnIntent("Party")
    public String party(IntentRequest request) {
        context.publish(new SetVolume(1.0, request.siteId()));
        context.speak("kitchen", "Party in the " + request.text("room").orElse("house") + "!");
        return "Let's go.";
    }
}
