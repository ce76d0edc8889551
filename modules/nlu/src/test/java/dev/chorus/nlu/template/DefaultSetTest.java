package dev.chorus.nlu.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.nlu.template.Recognition.RecognizedSlot;
import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The built-in home set (the repo's intents/ folder): what it understands, and what it must not. */
class DefaultSetTest {

    private static TrainedTemplates templates;

    @BeforeAll
    static void train() throws Exception {
        templates = TemplateCompiler.compile(TemplateFolder.read(builtIn()));
    }

    static Path builtIn() {
        String dir = System.getenv("CHORUS_NLU_BUILTIN_DIR");
        assertThat(dir).as("CHORUS_NLU_BUILTIN_DIR (set by the pom)").isNotNull();
        return Path.of(dir);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            what time is it                          | GetTime
            what is the date today                   | GetDate
            set a timer for 5 minutes                | SetTimer
            cancel the timer                         | CancelTimer
            turn on the kitchen light                | ChangeLightState
            turn the living room lights off          | ChangeLightState
            set the bedroom light to 40 percent      | SetBrightness
            what is the weather like                 | GetWeather
            set the volume to 3                      | SetVolume
            turn it up                               | SetVolume
            never mind                               | Cancel
            yes please                               | Yes
            no                                       | No
            """)
    void understands(String query, String intent) {
        Recognition r = templates.recognize(query, null).orElseThrow(() -> new AssertionError(query));
        assertThat(r.intentName()).isEqualTo(intent);
        assertThat(r.confidence()).isEqualTo(1.0);
    }

    @Test
    void slotsForTheSkills() {
        Recognition timer =
                templates.recognize("set a timer for 5 minutes", null).orElseThrow();
        assertThat(timer.text()).isEqualTo("set a timer for 5 minutes");
        assertThat(slot(timer, "amount").value()).isEqualTo(5);
        assertThat(slot(timer, "amount").kind()).isEqualTo("Number");
        assertThat(slot(timer, "unit").value()).isEqualTo("minutes");
        Recognition one = templates.recognize("start a one minute timer", null).orElseThrow();
        assertThat(slot(one, "unit").value()).isEqualTo("minutes");
        Recognition light =
                templates.recognize("turn the living room lights off", null).orElseThrow();
        assertThat(slot(light, "room").value()).isEqualTo("living_room");
        assertThat(slot(light, "room").entity()).isEqualTo("rooms");
        assertThat(slot(light, "state").value()).isEqualTo("off");
        Recognition volume = templates.recognize("turn it louder", null).orElseThrow();
        assertThat(slot(volume, "direction").value()).isEqualTo("up");
    }

    /** One dropped, inserted or wrong word in a 5-word command is recovered, with a confidence below 1. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            turn on kitchen light              | ChangeLightState | turn on the kitchen light
            turn on the kitchen light now      | ChangeLightState | turn on the kitchen light
            set the volume two five            | SetVolume        | set the volume to 5
            set timer for five minutes         | SetTimer         | set a timer for 5 minutes
            set a timers for five minutes      | SetTimer         | set a timer for 5 minutes
            please set the volume to five      | SetVolume        | set the volume to 5
            what is the weather like now       | GetWeather       | what is the weather like
            """)
    void fuzzyRecoversOneWord(String query, String intent, String text) {
        Recognition r = templates.recognize(query, null).orElseThrow(() -> new AssertionError(query));
        assertThat(r.intentName()).isEqualTo(intent);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.edits()).isEqualTo(1);
        assertThat(r.confidence()).isLessThan(1.0).isGreaterThan(0.5);
    }

    @Test
    void noEditsInsideSlotsNorInShortCommands() {
        // the room is a slot: a wrong room is not "corrected" into another one
        assertThat(templates.recognize("turn on the kitten light", null)).isEmpty();
        // nor is an unknown word in the middle skipped (that would turn on every light)
        assertThat(templates.recognize("turn on the kitchen kitten light", null))
                .isEmpty();
        // three words: no edit allowed
        assertThat(templates.recognize("what is it", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "what is the capital of france",
                "how old are you",
                "tell me a joke",
                "who won the game last night",
                "what is your name",
                "play some music",
                "call my mother",
                "how do i make pancakes",
                "where is the nearest gas station",
                "what is the meaning of life",
                "add milk to the shopping list",
                "send a message to john",
                "how far is the moon",
                "what movies are playing tonight",
                "open the garage door",
                "lock the front door",
                "read me the news",
                "what is two plus two",
                "how do you spell necessary",
                "wake me up at seven",
                "set an alarm for seven",
                "what time does the store open",
                "turn on the television",
                "turn on the radio",
                "who is the president",
                "translate hello into spanish",
                "order a pizza",
                "what is the stock price of apple",
                "remind me to buy bread",
                "how many ounces in a cup",
                "start the vacuum cleaner",
                "is it going to snow tomorrow in paris"
            })
    void outOfDomainIsNotRecognised(String query) {
        Optional<Recognition> r = templates.recognize(query, null);
        assertThat(r)
                .as(query + " -> "
                        + r.map(x -> x.intentName() + ": " + x.text()).orElse(""))
                .isEmpty();
    }

    @Test
    void everyWordIsInTheCmuDictionary() throws IOException {
        Path dict = Path.of("/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict");
        Prerequisite.require(
                Files.isRegularFile(dict), "the CMU dictionary of pocketsphinx (apt-get install pocketsphinx-en-us)");
        Set<String> known = new HashSet<>();
        try (Stream<String> lines = Files.lines(dict)) {
            lines.forEach(l ->
                    known.add(l.split(" ", 2)[0].replaceAll("\\(\\d+\\)$", "").toLowerCase(Locale.ROOT)));
        }
        for (TrainedTemplates.IntentTemplate intent : templates.intents()) {
            assertThat(intent.words()).as(intent.name()).allMatch(known::contains);
        }
    }

    private static RecognizedSlot slot(Recognition r, String name) {
        return r.slots().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name));
    }
}
