package dev.chorus.nlu.template;

import static dev.chorus.nlu.template.Templates.compile;
import static dev.chorus.nlu.template.Templates.matches;
import static dev.chorus.nlu.template.Templates.recognize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.nlu.template.Recognition.RecognizedSlot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per row of the construct table of sentences.md (slot programs excepted: refused, see TemplateErrorTest). */
class TemplateConstructTest {

    @Test
    void words() {
        TrainedTemplates t = compile("[Lamp]\nturn on the lamp\n");
        Recognition r = recognize(t, "Turn on the lamp!");
        assertThat(r.intentName()).isEqualTo("Lamp");
        assertThat(r.text()).isEqualTo("turn on the lamp");
        assertThat(r.confidence()).isEqualTo(1.0);
        assertThat(r.slots()).isEmpty();
        assertThat(matches(t, "turn on lamp the")).isFalse();
    }

    @Test
    void groupTaggedAsAWhole() {
        TrainedTemplates t = compile("[Lamp]\nturn on the (living room lamp){name}\n");
        RecognizedSlot s = recognize(t, "turn on the living room lamp").slots().get(0);
        assertThat(s.value()).isEqualTo("living room lamp");
        assertThat(s.rawValue()).isEqualTo("living room lamp");
        assertThat(s.start()).isEqualTo(12);
        assertThat(s.end()).isEqualTo(28);
    }

    @Test
    void alternatives() {
        TrainedTemplates t = compile("[Color]\nmake it (red | green | blue){color}\n");
        assertThat(recognize(t, "make it green").slots().get(0).value()).isEqualTo("green");
        assertThat(recognize(t, "make it blue").slots().get(0).value()).isEqualTo("blue");
        assertThat(matches(t, "make it")).isFalse();
    }

    @Test
    void topLevelAlternativesSplitTheWholeSentence() {
        TrainedTemplates t = compile("[Light]\nturn on | switch on the light\n");
        assertThat(matches(t, "turn on")).isTrue();
        assertThat(matches(t, "switch on the light")).isTrue();
        assertThat(matches(t, "turn on the light")).isFalse();
    }

    @Test
    void optionals() {
        TrainedTemplates t = compile("[Light]\nturn on [the] light [a | an] [the big] lamp\n");
        assertThat(matches(t, "turn on light lamp")).isTrue();
        assertThat(matches(t, "turn on the light an lamp")).isTrue();
        assertThat(matches(t, "turn on the light the big lamp")).isTrue();
        // [the big] is one group: "the" alone is no exact match (only a fuzzy one, "big" dropped)
        assertThat(t.recognize("turn on the light the lamp", null).map(Recognition::edits))
                .contains(1);
    }

    @Test
    void tagNamesTheEntity() {
        Recognition r = recognize(compile("[Color]\nset (red | green){color}\n"), "set red");
        RecognizedSlot s = r.slots().get(0);
        assertThat(s.name()).isEqualTo("color");
        assertThat(s.entity()).isEqualTo("color");
        assertThat(s.kind()).isEqualTo("Unknown");
    }

    @Test
    void tagSynonym() {
        Recognition r = recognize(
                compile("[Lamp]\nturn on the (living room lamp){name:light_1}\n"), "turn on the living room lamp");
        RecognizedSlot s = r.slots().get(0);
        assertThat(s.value()).isEqualTo("light_1");
        assertThat(s.rawValue()).isEqualTo("living room lamp");
        assertThat(r.text()).isEqualTo("turn on the light_1");
        assertThat(r.text().substring(s.start(), s.end())).isEqualTo("light_1");
        assertThat(r.rawText().substring(s.rawStart(), s.rawEnd())).isEqualTo("living room lamp");
    }

    @Test
    void substitutions() {
        TrainedTemplates t =
                compile("[Lamp]\n(turn | switch):switch on the lamp:light\nthe (living room lamp):light_1 please\n");
        assertThat(recognize(t, "turn on the lamp").text()).isEqualTo("switch on the light");
        assertThat(recognize(t, "the living room lamp please").text()).isEqualTo("the light_1 please");
    }

    @Test
    void multiWordOutput() {
        Recognition r = recognize(compile("[Tv]\n(tv | telly):(television set) on\n"), "telly on");
        assertThat(r.text()).isEqualTo("television set on");
    }

    @Test
    void dropWords() {
        Recognition r = recognize(compile("[Lamp]\nthe: lamp\n"), "the lamp");
        assertThat(r.text()).isEqualTo("lamp");
    }

    @Test
    void addWords() {
        Recognition r = recognize(compile("[Lamp]\nlamp on :please\n"), "lamp on");
        assertThat(r.text()).isEqualTo("lamp on please");
    }

    @Test
    void entityWithNoWords() {
        Recognition r = recognize(compile("[Polite]\nstop (:){domain:media}\n"), "stop");
        RecognizedSlot s = r.slots().get(0);
        assertThat(s.name()).isEqualTo("domain");
        assertThat(s.value()).isEqualTo("media");
        assertThat(s.rawValue()).isEmpty();
    }

    @Test
    void localRules() {
        TrainedTemplates t =
                compile("[SetLightColor]\ncolors = (red | green | blue)\nset the light to <colors>{color}\n");
        assertThat(recognize(t, "set the light to blue").slots().get(0).value()).isEqualTo("blue");
        assertThat(t.intents().get(0).jsgf()).isEqualTo("set the light to ( red | green | blue )");
    }

    @Test
    void crossIntentRules() {
        TrainedTemplates t = compile(
                "[SetLightColor]\ncolors = (red | green)\nset <colors>\n[GetLightColor]\nis the light <SetLightColor.colors>{color}\n");
        Recognition r = recognize(t, "is the light green");
        assertThat(r.intentName()).isEqualTo("GetLightColor");
        assertThat(r.slots().get(0).value()).isEqualTo("green");
    }

    @Test
    void slotListsFromFiles() {
        TrainedTemplates t = compile(
                "[PlayMovie]\nplay ($movies){movie_name}\nwatch $foo/bar{film}\n",
                "slots/movies",
                "star wars\n\n[the:] (matrix | the matrix):matrix\n",
                "slots/foo/bar",
                "alien\n");
        RecognizedSlot s = recognize(t, "play star wars").slots().get(0);
        assertThat(s.entity()).isEqualTo("movies");
        assertThat(s.name()).isEqualTo("movie_name");
        assertThat(s.value()).isEqualTo("star wars");
        assertThat(recognize(t, "play the matrix").slots().get(0).value()).isEqualTo("matrix");
        RecognizedSlot film = recognize(t, "watch alien").slots().get(0);
        assertThat(film.entity()).isEqualTo("foo/bar");
        assertThat(film.name()).isEqualTo("film");
    }

    @Test
    void slotWithSubstitution() {
        Recognition r = recognize(compile("[Color]\nset $colors:color\n", "slots/colors", "red\nblue\n"), "set red");
        assertThat(r.text()).isEqualTo("set color");
    }

    @Test
    void numberLiterals() {
        TrainedTemplates t = compile("[Dim]\ndim to 75 percent{level}\nset (75){level}\n");
        assertThat(recognize(t, "dim to seventy five percent").text()).isEqualTo("dim to 75 percent");
        RecognizedSlot s = recognize(t, "set seventy five").slots().get(0);
        assertThat(s.value()).isEqualTo(75);
        assertThat(s.kind()).isEqualTo("Number");
        assertThat(s.rawValue()).isEqualTo("seventy five");
        assertThat(recognize(t, "set 75").rawText()).isEqualTo("set seventy five");
    }

    @Test
    void numberRanges() {
        TrainedTemplates t = compile(
                "[Range]\nset brightness to (0..100){brightness}\ntemperature (-5..5){t}\nstep (0..100,10){s}\n");
        Recognition r = recognize(t, "set brightness to 42");
        RecognizedSlot s = r.slots().get(0);
        assertThat(s.value()).isEqualTo(42);
        assertThat(s.kind()).isEqualTo("Number");
        assertThat(s.entity()).isEqualTo("brightness");
        assertThat(r.text()).isEqualTo("set brightness to 42");
        assertThat(recognize(t, "set brightness to one hundred").slots().get(0).value())
                .isEqualTo(100);
        assertThat(recognize(t, "temperature minus five").slots().get(0).value())
                .isEqualTo(-5);
        assertThat(recognize(t, "step thirty").slots().get(0).value()).isEqualTo(30);
        assertThat(matches(t, "step thirty five")).isFalse();
        assertThat(matches(t, "set brightness to one hundred and one")).isFalse();
    }

    @Test
    void converters() {
        TrainedTemplates t = compile("[Conv]\nset brightness to (low:0 | medium:0.5 | high:1){brightness!float}\n"
                + "count twenty:20!int{n}\nshout (hello)!upper{greeting}\nswitch (off:false | on:true)!bool{state}\n"
                + "say (HELLO)!lower!upper{x}\n");
        RecognizedSlot b = recognize(t, "set brightness to medium").slots().get(0);
        assertThat(b.value()).isEqualTo(0.5);
        assertThat(b.kind()).isEqualTo("Number");
        assertThat(recognize(t, "set brightness to low").slots().get(0).value()).isEqualTo(0.0);
        assertThat(recognize(t, "count twenty").slots().get(0).value()).isEqualTo(20);
        assertThat(recognize(t, "shout hello").slots().get(0).value()).isEqualTo("HELLO");
        assertThat(recognize(t, "switch off").slots().get(0).value()).isEqualTo(false);
        assertThat(recognize(t, "switch on").slots().get(0).value()).isEqualTo(true);
        assertThat(recognize(t, "say hello").slots().get(0).value()).isEqualTo("HELLO"); // chained, in order
    }

    @Test
    void builtInSlotLists() {
        TrainedTemplates t = compile("[Day]\nwhat about $rhasspy/days{day}\nin $rhasspy/months{month}\n");
        RecognizedSlot d = recognize(t, "what about friday").slots().get(0);
        assertThat(d.value()).isEqualTo("friday");
        assertThat(d.entity()).isEqualTo("rhasspy/days");
        assertThat(recognize(t, "in march").slots().get(0).value()).isEqualTo("march");
    }

    @Test
    void commentsAndEscapedBracket() {
        TrainedTemplates t = compile("# comment\n; another\n[Polite]\n# inside\n\\[please] stop\n");
        assertThat(matches(t, "please stop")).isTrue();
        assertThat(matches(t, "stop")).isTrue();
        assertThat(t.intents()).hasSize(1);
    }

    @Test
    void intentFilter() {
        TrainedTemplates t = compile("[A]\nhello\n[B]\nhello\n");
        assertThat(t.recognize("hello", null).orElseThrow().intentName()).isEqualTo("A");
        assertThat(t.recognize("hello", List.of("B")).orElseThrow().intentName())
                .isEqualTo("B");
        assertThat(t.recognize("hello", List.of("C"))).isEmpty();
    }

    @Test
    void grammarIsTheSpokenSideOnly() {
        TrainedTemplates t =
                compile("[Lamp]\n(turn | switch):switch [the] lamp:light (:){domain:light} :please (1..3){n}\n");
        TrainedTemplates.IntentTemplate g = t.intents().get(0);
        assertThat(g.jsgf()).isEqualTo("( turn | switch ) [ the ] lamp ( one | two | three )");
        assertThat(g.words()).containsExactly("lamp", "one", "switch", "the", "three", "turn", "two");
        assertThat(g.sentences()).isEqualTo(12);
    }
}
