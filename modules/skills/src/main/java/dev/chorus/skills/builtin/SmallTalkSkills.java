package dev.chorus.skills.builtin;

import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.protocol.text.NumberWords;
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

    /** The volume per site as this module last set it (the audio module does not announce it); 1.0 until set. */
    private final java.util.Map<String, Double> volumes = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The built-in templates give {@code volume} on a scale of 0..10 ("set the volume to five") or a {@code direction}
     * {@code up}/{@code down} (a step of a tenth from the volume this module last set). A whole {@code volume} above 10,
     * or a {@code level} or {@code percent} slot, is a percentage (0..100); values up to 1 with a fraction are 0..1. Publishes {@code rhasspy/audioServer/setVolume} for the intent's site.
     */
    @OnIntent("SetVolume")
    public Answer volume(IntentRequest request) {
        java.util.Optional<String> direction = request.text("direction");
        if (direction.isPresent()) {
            double now = volumes.getOrDefault(request.siteId(), 1.0);
            double next = Math.max(0, Math.min(1, now + (direction.get().equals("down") ? -0.1 : 0.1)));
            return set(request.siteId(), Math.round(next * 10) / 10.0);
        }
        java.util.Optional<Double> tenth = request.number("volume").filter(v -> v == Math.rint(v) && v <= 10);
        if (tenth.isPresent()) {
            return set(request.siteId(), tenth.get() / 10);
        }
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
        return set(request.siteId(), fraction);
    }

    private Answer set(String siteId, double fraction) {
        volumes.put(siteId, fraction);
        context.publish(new SetVolume(fraction, siteId));
        return Answer.end("Volume set to " + NumberWords.cardinal(Math.round(fraction * 100)) + " percent.");
    }

    @OnIntent("Cancel")
    public String cancel() {
        return "Okay, never mind.";
    }
}
