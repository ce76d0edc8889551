package dev.chorus.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.skills.testing.RecordingSkillContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkillRegistryTest {

    static class Returns {
        @OnIntent({"A", "B"})
        public String text(IntentRequest request) {
            return "hello " + request.intentName();
        }

        @OnIntent("Quiet")
        public void nothing() {}

        @OnIntent("Both")
        public Answer both(SkillContext context, IntentRequest request) {
            context.speak(request.siteId(), "later");
            return Answer.continueWith("more?", "Yes", "No");
        }

        @OnIntent("Null")
        public Answer nothingAtAll() {
            return null;
        }
    }

    static class WrongParameter {
        @OnIntent("X")
        public String x(String s) {
            return s;
        }
    }

    static class WrongReturn {
        @OnIntent("X")
        public int x() {
            return 1;
        }
    }

    static class AlsoA {
        @OnIntent("A")
        public String a() {
            return "a";
        }
    }

    private final RecordingSkillContext context = new RecordingSkillContext();

    @Test
    void callsMethodsByIntentNameWithTheParametersTheyAskFor() {
        SkillRegistry registry = SkillRegistry.of(List.of(new Returns()));
        assertThat(registry.intentNames()).containsExactlyInAnyOrder("A", "B", "Quiet", "Both", "Null");

        assertThat(answer(registry, "B")).isEqualTo(new Answer.End("hello B"));
        assertThat(answer(registry, "Quiet")).isEqualTo(Answer.silent());
        assertThat(answer(registry, "Both")).isEqualTo(new Answer.Continue("more?", List.of("Yes", "No"), false));
        assertThat(context.spoken()).containsExactly(new RecordingSkillContext.Spoken("default", "later"));
        assertThat(registry.find("Unknown")).isEmpty();
    }

    @Test
    void aNullAnswerIsASkillFailure() {
        SkillRegistry registry = SkillRegistry.of(List.of(new Returns()));
        assertThatThrownBy(() -> answer(registry, "Null"))
                .isInstanceOf(SkillException.class)
                .hasMessageContaining("returned null");
    }

    @Test
    void refusesMethodsItCannotCallAndIntentsClaimedTwice() {
        assertThatThrownBy(() -> SkillRegistry.of(List.of(new WrongParameter())))
                .hasMessageContaining("may take only IntentRequest and SkillContext, not String");
        assertThatThrownBy(() -> SkillRegistry.of(List.of(new WrongReturn())))
                .hasMessageContaining("must return Answer, String or void");
        assertThatThrownBy(() -> SkillRegistry.of(List.of(new Returns(), new AlsoA())))
                .hasMessageContaining("intent A has two skills");
    }

    private Answer answer(SkillRegistry registry, String intent) {
        return registry.find(intent).orElseThrow().answer(IntentRequest.parse(intent, "x"), context);
    }
}
