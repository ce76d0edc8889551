package dev.chorus.nlu.template;

import static dev.chorus.nlu.template.Templates.error;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Malformed templates are refused with the file, the line and the reason. */
class TemplateErrorTest {

    @Test
    void missingSentencesIni() throws Exception {
        TemplateException e = org.junit.jupiter.api.Assertions.assertThrows(
                TemplateException.class, () -> TemplateCompiler.compile(Map.of("slots/rooms", "kitchen")));
        assertThat(e.error()).isEqualTo(new TemplateError("sentences.ini", 0, "missing"));
    }

    @Test
    void unbalancedGroup() {
        TemplateError e = error("[A]\nfine\nturn (on | off the light\n");
        assertThat(e.file()).isEqualTo("sentences.ini");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).isEqualTo("missing ')'");
        assertThat(e.toString()).isEqualTo("sentences.ini:3: missing ')'");
    }

    @Test
    void strayClosingBracket() {
        assertThat(error("[A]\nturn on) the light\n"))
                .isEqualTo(new TemplateError("sentences.ini", 2, "unexpected ')' at column 8"));
    }

    @Test
    void unclosedOptionalAndTag() {
        assertThat(error("[A]\nturn [on\n").reason()).isEqualTo("missing ']'");
        assertThat(error("[A]\nturn (on){state\n").reason()).startsWith("missing '}'");
        assertThat(error("[A]\nturn {state}\n").reason()).startsWith("a tag {...} must follow");
    }

    @Test
    void sentenceBeforeAnySection() {
        assertThat(error("hello\n[A]\nhi\n"))
                .isEqualTo(new TemplateError("sentences.ini", 1, "a sentence before the first [Intent] section"));
    }

    @Test
    void unknownRule() {
        TemplateError e = error("[A]\n\nsay <colors>\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.reason()).contains("unknown rule <colors>");
        assertThat(error("[A]\nsay <B.colors>\n").reason()).contains("unknown intent in rule reference <B.colors>");
    }

    @Test
    void recursiveRule() {
        TemplateError e = error("[A]\nx = a <x>\nsay <x>\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.reason()).contains("refers to itself");
    }

    @Test
    void missingSlotListAndErrorsInsideOne() {
        assertThat(error("[A]\nplay $movies\n"))
                .isEqualTo(new TemplateError("sentences.ini", 2, "slot list $movies not found (no file slots/movies)"));
        assertThat(error("[A]\nplay $movies\n", "slots/movies", "alien\n\n(star wars\n"))
                .isEqualTo(new TemplateError("slots/movies", 3, "missing ')'"));
    }

    @Test
    void slotProgramsAndCustomConvertersAreRefused() {
        assertThat(error("[A]\nturn on $hass/entities,light\n").reason()).startsWith("slot programs are not supported");
        assertThat(error("[A]\nset (x){v!foo/bar}\n").reason())
                .startsWith("custom converters are not supported: !foo/bar");
        assertThat(error("[A]\nset twenty:20!myconv\n").reason()).startsWith("custom converters are not supported");
        assertThat(error("[A]\nset $rhasspy/number\n").reason()).startsWith("unknown built-in slot list");
    }

    @Test
    void badRanges() {
        assertThat(error("[A]\nset 10..1\n").reason()).startsWith("number range goes down");
        assertThat(error("[A]\nset 0..10,0\n").reason()).startsWith("number range step must be positive");
        assertThat(error("[A]\nset 0..1000000\n").reason()).startsWith("number range too large");
    }

    @Test
    void badSectionHeaderAndIndent() {
        assertThat(error("[A\nhi\n").reason()).contains("section header");
        assertThat(error("[A]\nhi\n  there\n").line()).isEqualTo(3);
        assertThat(error("[]\nhi\n").reason()).startsWith("bad intent name");
    }
}
