package dev.chorus.skills.testing;

import dev.chorus.skills.Answer;
import dev.chorus.skills.IntentRequest;
import dev.chorus.skills.SkillRegistry;
import java.util.List;

/**
 * Runs skill objects the way the module's dispatcher does (same method rules, same registry), without Micronaut or
 * a broker: for plain unit tests of your skills.
 *
 * <pre>{@code
 * SkillTester tester = SkillTester.of(new CoinSkill(new Random(1)));
 * Answer answer = tester.ask("FlipCoin", "flip a coin");
 * }</pre>
 */
public final class SkillTester {

    private final SkillRegistry registry;
    private final RecordingSkillContext context;

    private SkillTester(RecordingSkillContext context, List<Object> skills) {
        this.registry = SkillRegistry.of(skills);
        this.context = context;
    }

    /** The skills with a fresh {@link RecordingSkillContext}. */
    public static SkillTester of(Object... skills) {
        return new SkillTester(new RecordingSkillContext(), List.of(skills));
    }

    /** The skills with the context they were built with (when their constructors take a SkillContext). */
    public static SkillTester of(RecordingSkillContext context, Object... skills) {
        return new SkillTester(context, List.of(skills));
    }

    /**
     * The answer to {@code intentName} with the sentence marked up as in {@link IntentRequest#parse}, e.g.
     * {@code ask("SetTimer", "set a timer for (five:5){minutes} minutes")}.
     *
     * @throws dev.chorus.skills.SkillException when the skill throws
     * @throws AssertionError when no skill answers the intent
     */
    public Answer ask(String intentName, String sentence) {
        return ask(IntentRequest.parse(intentName, sentence));
    }

    public Answer ask(IntentRequest request) {
        return registry.find(request.intentName())
                .orElseThrow(() -> new AssertionError("no skill answers intent " + request.intentName()))
                .answer(request, context);
    }

    /** True when one of the skills answers {@code intentName}. */
    public boolean answers(String intentName) {
        return registry.find(intentName).isPresent();
    }

    public RecordingSkillContext context() {
        return context;
    }
}
