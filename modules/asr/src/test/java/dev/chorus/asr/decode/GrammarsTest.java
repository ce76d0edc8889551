package dev.chorus.asr.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.asr.TestSpeech;
import dev.chorus.protocol.messages.NluGrammar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class GrammarsTest {

    private final Grammars grammars = new Grammars(2);
    private final List<Set<String>> reported = new ArrayList<>();
    private int lookups;

    @Test
    void unknownWordsAreLeftOutAndReportedOncePerGrammar() {
        NluGrammar grammar = new NluGrammar(
                "g1",
                "en",
                List.of(new NluGrammar.IntentGrammar(
                        "Play", "play (zorblax | jazz) [in the <VOID> kitchen]", List.of())));
        grammars.set(grammar);
        Grammars.Compiled all = grammars.compile(grammar, null, this::unknown, reported::add);
        Grammars.Compiled again = grammars.compile(grammar, List.of("Play"), this::unknown, reported::add);

        assertThat(all.jsgf()).contains("play (<NULL> | jazz) [in the <VOID> kitchen]");
        assertThat(again.jsgf()).contains("<NULL>");
        assertThat(reported).containsExactly(Set.of("zorblax"));
        assertThat(lookups).isEqualTo(1);
    }

    @Test
    void filtersAreCachedByTheirSetOfIntentsAndTheCacheIsBounded() {
        NluGrammar home = TestSpeech.HOME;
        grammars.set(home);
        Grammars.Compiled a = grammars.compile(home, List.of("GetTime", "SetTimer"), this::unknown, reported::add);
        Grammars.Compiled b = grammars.compile(home, List.of("SetTimer", "GetTime"), this::unknown, reported::add);
        assertThat(b).isSameAs(a);
        assertThat(a.jsgf()).contains("what time is it").contains("timer").doesNotContain("light");

        grammars.compile(home, List.of("GetTime"), this::unknown, reported::add);
        grammars.compile(home, null, this::unknown, reported::add);
        assertThat(grammars.compile(home, List.of("SetTimer", "GetTime"), this::unknown, reported::add))
                .as("evicted (cache of 2)")
                .isNotSameAs(a);
    }

    @Test
    void aNewIdReplacesTheGrammarAndTheSameIdDoesNot() {
        assertThat(grammars.set(TestSpeech.HOME)).isTrue();
        assertThat(grammars.set(TestSpeech.HOME)).isFalse();
        assertThat(grammars.set(new NluGrammar("home-2", "en", TestSpeech.HOME.intents())))
                .isTrue();
        assertThat(grammars.current().orElseThrow().id()).isEqualTo("home-2");
        assertThat(grammars.set(null)).isTrue();
        assertThat(grammars.current()).isEmpty();
    }

    @Test
    void wordsAreReadFromTheExpansionWhenNotListed() {
        assertThat(Grammars.wordsOf("what's (on | off) [the] <VOID> tv"))
                .containsExactly("off", "on", "the", "tv", "what's");
    }

    private Set<String> unknown(Collection<String> words) {
        lookups++;
        Set<String> unknown = new TreeSet<>();
        for (String w : words) {
            if (w.startsWith("zorb")) {
                unknown.add(w);
            }
        }
        return unknown;
    }
}
