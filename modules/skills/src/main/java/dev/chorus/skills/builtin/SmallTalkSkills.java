package dev.chorus.skills.builtin;

import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.skills.Answer;
import dev.chorus.skills.IntentRequest;
import dev.chorus.skills.OnIntent;
import dev.chorus.skills.Skill;
import dev.chorus.skills.SkillContext;

/** SetVolume (for the intent's site) and Cancel. */
@Skill
public class SmallTalkSkills {

    /** Slot names tried in turn for the volume. */
    static final String[] VOLUME_SLOTS = {"volume", "level", "percent"};

    private final SkillContext context;

    public SmallTalkSkills(SkillContext context) {
        this.context = context;
    }

    /**
     * The volume slot is a percentage (0..100); values up to 1 with a fraction are taken as 0..1 (so "0.5" works
     * too). Publishes {@code rhasspy/audioServer/setVolume} for the intent's site.
     */
    @OnIntent("SetVolume")
    public Answer volume(IntentRequest request) {
        Double value = null;
        for (String slot : VOLUME_SLOTS) {
            value = request.number(slot).orElse(null);
            if (value != null) {
                break;
            }
        }
        if (value == null) {
            return Answer.end("Sorry, I did not get the volume.");
        }
        double fraction = value <= 1 && value != Math.rint(value) ? value : value / 100;
        if (fraction < 0 || fraction > 1) {
            return Answer.end("The volume goes from zero to one hundred percent.");
        }
        context.publish(new SetVolume(fraction, request.siteId()));
        return Answer.end("Volume set to " + NumberWords.cardinal(Math.round(fraction * 100)) + " percent.");
    }

    @OnIntent("Cancel")
    public String cancel() {
        return "Okay, never mind.";
    }
}
