package dev.chorus.protocol.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import java.util.List;
import org.junit.jupiter.api.Test;

class NluGrammarTest {

    private final NluGrammar grammar = new NluGrammar(
            "abc",
            null,
            List.of(
                    new NluGrammar.IntentGrammar("GetTime", "what time is it | tell me the time", null),
                    new NluGrammar.IntentGrammar("Empty", "", List.of()),
                    new NluGrammar.IntentGrammar("Lights", "turn (on | off) [the] light", null)));

    @Test
    void everyIntentWithoutAFilter() {
        assertThat(grammar.jsgf(null))
                .isEqualTo("#JSGF V1.0;\ngrammar chorus;\npublic <command> = <i0> | <i2>;\n"
                        + "<i0> = what time is it | tell me the time;\n<i2> = turn (on | off) [the] light;\n");
        assertThat(grammar.language()).isEqualTo("en");
        assertThat(grammar.topic()).isEqualTo(Topics.NLU_GRAMMAR);
    }

    @Test
    void filterKeepsTheNamedIntents() {
        assertThat(grammar.jsgf(List.of("Lights")))
                .contains("public <command> = <i2>;")
                .doesNotContain("<i0> =");
        assertThat(grammar.jsgf(List.of("Nothing"))).contains("public <command> = <VOID>;");
    }

    @Test
    void listeningSites() {
        ListeningSites all = new ListeningSites("wake", List.of(ListeningSites.ALL_SITES));
        assertThat(all.wants("kitchen")).isTrue();
        assertThat(all.topic()).isEqualTo("chorus/listening/wake");
        assertThat(new ListeningSites("asr", List.of("kitchen")).wants("hall")).isFalse();
    }
}
