package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VoiceCatalogTest {

    private static final VoiceCatalog REPO = VoiceCatalog.load(TestSupport.repoConfigDir());

    @Test
    void repoCatalogHasTheDefaultEnglishVoice() {
        final Voice slt = REPO.byId("cmu-slt-hsmm");
        assertThat(slt.engine()).isEqualTo("marytts");
        assertThat(slt.engineVoice()).isEqualTo("cmu-slt-hsmm");
        assertThat(slt.languageTag()).isEqualTo("en-US");
        assertThat(slt.gender()).isEqualTo("female");
        assertThat(slt.line()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "en_US", "EN-us", "en-GB", " en "})
    void findsTheVoiceForEveryWayOfWritingEnglish(final String lang) {
        assertThat(REPO.forLanguage(lang).id()).isEqualTo("cmu-slt-hsmm");
    }

    @Test
    void unknownVoiceAndLanguageAreTypedErrors() {
        assertThatThrownBy(() -> REPO.byId("nope"))
                .isInstanceOf(TtsException.UnknownVoice.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("cmu-slt-hsmm");
        assertThatThrownBy(() -> REPO.forLanguage("de"))
                .isInstanceOf(TtsException.UnknownLanguage.class)
                .hasMessageContaining("'de'")
                .hasMessageContaining("en-US");
        assertThatThrownBy(() -> REPO.forLanguage("")).isInstanceOf(TtsException.UnknownLanguage.class);
        assertThat(((TtsException) catchError(() -> REPO.byId("x"))).code()).isEqualTo("unknown-voice");
    }

    @Test
    void resolvePrefersVoiceThenLanguageThenFallback() {
        assertThat(REPO.resolve("cmu-slt-hsmm", "de", "en").id()).isEqualTo("cmu-slt-hsmm");
        assertThat(REPO.resolve(null, "en_US", "fr").id()).isEqualTo("cmu-slt-hsmm");
        assertThat(REPO.resolve(" ", null, "en").id()).isEqualTo("cmu-slt-hsmm");
    }

    @Test
    void defaultForAFullTagBeatsALocaleMatch() throws IOException {
        final VoiceCatalog catalog = load("""
                voices:
                  - {id: a, engine: marytts, maryVoice: a, locale: en-US, gender: female}
                  - {id: b, engine: marytts, maryVoice: b, locale: en-GB, gender: male}
                  - {id: c, engine: marytts, maryVoice: c, locale: en-GB, gender: male}
                defaults:
                  en: a
                  en-GB: c
                """);
        assertThat(catalog.forLanguage("en").id()).isEqualTo("a");
        assertThat(catalog.forLanguage("en_GB").id()).isEqualTo("c");
        assertThat(catalog.forLanguage("en-AU").id()).isEqualTo("a");
        assertThat(catalog.byId("b").description()).isEqualTo("b");
    }

    @Test
    void validationErrorsNameFileAndLine() {
        assertError("voices: []\n", "voices.yml:1: ", "lists no voice");
        assertError("""
                voices:
                  - id: a
                    engine: espeak
                    maryVoice: a
                    locale: en-US
                    gender: female
                """, "voices.yml:3: ", "engine 'espeak' is not supported");
        assertError("""
                voices:
                  - id: a
                    engine: marytts
                    locale: en-US
                    gender: female
                """, "voices.yml:2: ", "missing required key 'maryVoice'");
        assertError("""
                voices:
                  - {id: a, engine: marytts, maryVoice: a, locale: en-US, gender: female}
                  - {id: a, engine: marytts, maryVoice: b, locale: en-US, gender: female}
                """, "voices.yml:3: ", "listed twice");
        assertError("""
                voices:
                  - {id: a, engine: marytts, maryVoice: a, locale: en-US, gender: female, colour: red}
                """, "voices.yml:2: ", "unknown key 'colour'");
        assertError("""
                voices:
                  - {id: a, engine: marytts, maryVoice: a, locale: en-US, gender: female}
                defaults:
                  en: a
                  de: a
                """, "voices.yml:5: ", "speaks en-US");
        assertError("""
                voices:
                  - {id: a, engine: marytts, maryVoice: a, locale: en-US, gender: female}
                defaults:
                  en: missing
                """, "voices.yml:4: ", "not listed");
        assertError("voices:\n  - id: [unclosed\n", "voices.yml:", "not valid YAML");
    }

    @Test
    void missingFileIsAClearError() {
        assertThatThrownBy(() -> VoiceCatalog.load(TestSupport.tempDir("empty")))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageContaining("voices.yml: file not found");
    }

    private static void assertError(final String yaml, final String prefix, final String text) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(text);
    }

    private static VoiceCatalog load(final String yaml) throws IOException {
        final Path dir = TestSupport.tempDir("voices");
        Files.writeString(dir.resolve(VoiceCatalog.FILE), yaml);
        return VoiceCatalog.load(dir);
    }

    private static Throwable catchError(final Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
