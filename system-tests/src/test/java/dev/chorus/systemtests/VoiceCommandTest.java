package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The voice benchmark's sentence list against the built-in templates, and how a run picks from it. */
class VoiceCommandTest {

    @Test
    void theListCoversEveryBuiltInIntent() throws Exception {
        Set<String> builtIn = Files.readAllLines(Docker.repoRoot().resolve("intents/sentences.ini")).stream()
                .map(String::strip)
                .filter(l -> l.startsWith("[") && l.endsWith("]"))
                .map(l -> l.substring(1, l.length() - 1))
                .collect(Collectors.toSet());
        Set<String> benched = VoiceCommand.BY_INTENT.stream()
                .flatMap(List::stream)
                .map(VoiceCommand::intent)
                .collect(Collectors.toSet());
        assertThat(builtIn).hasSize(11);
        assertThat(benched).isEqualTo(builtIn);
    }

    @Test
    void eachGroupHoldsOneIntentAndNoSentenceRepeats() {
        for (List<VoiceCommand> group : VoiceCommand.BY_INTENT) {
            assertThat(group)
                    .extracting(VoiceCommand::intent)
                    .containsOnly(group.get(0).intent());
        }
        List<String> texts =
                VoiceCommand.first(38).stream().map(VoiceCommand::text).toList();
        assertThat(texts).doesNotHaveDuplicates().hasSize(38);
    }

    @Test
    void aShortRunTakesOneSentenceOfEachIntentFirst() {
        assertThat(VoiceCommand.first(11)).extracting(VoiceCommand::intent).doesNotHaveDuplicates();
        assertThat(VoiceCommand.first(40)).hasSize(40);
    }
}
