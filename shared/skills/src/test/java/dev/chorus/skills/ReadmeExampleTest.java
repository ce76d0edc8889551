package dev.chorus.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.skills.example.DiceSkill;
import dev.chorus.skills.testing.RecordingSkillContext;
import dev.chorus.skills.testing.RecordingSkillContext.Spoken;
import dev.chorus.skills.testing.SkillTester;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** shared/skills/README.md shows the example skill as it is compiled here, and its test snippet works. */
class ReadmeExampleTest {

    private static final Path README = Path.of("README.md");
    private static final Path EXAMPLE = Path.of("src/test/java/dev/chorus/skills/example/DiceSkill.java");

    @Test
    void readmeShowsTheCompiledExampleVerbatim() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(readme).contains("```java\n" + Files.readString(EXAMPLE, StandardCharsets.UTF_8) + "```\n");
    }

    @Test
    void readmeTestSnippet() throws Exception {
        // tag::snippet[] (README "Testing skills")
        RecordingSkillContext context = new RecordingSkillContext();
        SkillTester tester = SkillTester.of(context, new DiceSkill(context));

        Answer answer = tester.ask("RollDice", "roll a (twenty:20){sides} sided die");
        assertThat(answer.text()).matches("You rolled a \\d+\\.");

        tester.ask(IntentRequest.parse("Party", "party in the kitchen{room}").onSite("hall"));
        assertThat(context.spoken()).containsExactly(new Spoken("kitchen", "Party in the kitchen!"));
        // end::snippet[]

        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String body = Files.readString(Path.of("src/test/java/dev/chorus/skills/ReadmeExampleTest.java"));
        String snippet = body.substring(
                        body.indexOf("\n", body.indexOf("// tag::snippet[]")),
                        body.indexOf("        // end::snippet[]"))
                .strip()
                .replaceAll("\n        ", "\n");
        assertThat(readme).contains(snippet);
        assertThat(context.published(SetVolume.class)).containsExactly(new SetVolume(1.0, "hall"));
        assertThat(tester.answers("GetTime")).isFalse();
    }
}
