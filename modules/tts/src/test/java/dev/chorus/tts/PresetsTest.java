package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PresetsTest {

    @Test
    void repoPresetsCompileToMaryEffects() {
        final Presets presets = Presets.load(TestSupport.repoConfigDir());
        assertThat(presets.all()).extracting(Preset::name).contains("default", "slow", "fast", "robot", "whisper");
        assertThat(presets.get(null, "default").maryEffects()).isEmpty();
        assertThat(presets.get("slow", "default").rate()).isEqualTo(0.8);
        assertThat(presets.get("slow", "default").prosodyRate()).isEqualTo("-25.00%");
        assertThat(presets.get("fast", "default").prosodyRate()).isEqualTo("+23.08%");
        assertThat(presets.get("robot", "default").maryEffects()).isEqualTo("Robot(amount:100)");
        assertThat(presets.get("whisper", "default").maryEffects()).isEqualTo("Whisper(amount:100)");
        assertThat(presets.get("deep", "default").maryEffects()).isEqualTo("F0Add(f0Add:-40.0)+F0Scale(f0Scale:0.7)");
        assertThat(presets.get("deep", "default").voiceParams()).isEqualTo("F0Add(f0Add:-40.0)+F0Scale(f0Scale:0.7)");
        assertThat(presets.get("pilot", "default").maryEffects()).isEqualTo("JetPilot");
    }

    @Test
    void friendlyFieldsAndRawEffectsCombine() throws IOException {
        final Presets presets = load("""
                presets:
                  loud:
                    volume: 2
                    tract: 1.2
                    effects: "Stadium(amount=50, )"
                  plain:
                """);
        assertThat(presets.get("loud", "plain").maryEffects())
                .isEqualTo("TractScaler(amount:1.2)+Volume(amount:2.0)+Stadium(amount:50)");
        assertThat(presets.get("loud", "plain").voiceParams()).isEmpty();
        assertThat(presets.get("", "plain").maryEffects()).isEmpty();
    }

    @Test
    void unknownPresetIsATypedError() {
        assertThatThrownBy(() -> Presets.none().get("loud", "default"))
                .isInstanceOf(TtsException.UnknownPreset.class)
                .hasMessageContaining("'loud'");
    }

    @Test
    void validationErrorsNameFileAndLine() {
        assertError("presets:\n  a:\n    rate: 20\n", "presets.yml:3: ", "between 0.25 and 4.0");
        assertError("presets:\n  a:\n    rate: quick\n", "presets.yml:3: ", "must be a number");
        assertError("presets:\n  a:\n    speed: 2\n", "presets.yml:3: ", "unknown key 'speed'");
        assertError(
                "presets:\n  a:\n    effects:\n      - Robot(amount:1)\n      - Echo\n",
                "presets.yml:5: ",
                "unknown MaryTTS effect 'Echo'");
        assertError("presets:\n  a:\n    effects: [Robot(level:3)]\n", "presets.yml:3: ", "no parameter 'level'");
        assertError("presets:\n  a:\n    effects: [Rate(durScale:2)]\n", "presets.yml:3: ", "use 'rate:'");
        assertError("presets:\n  a: {}\n  a: {}\n", "presets.yml:", "uplicate");
    }

    private static void assertError(final String yaml, final String prefix, final String text) {
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageStartingWith(prefix)
                .hasMessageContaining(text);
    }

    private static Presets load(final String yaml) throws IOException {
        final Path dir = TestSupport.tempDir("presets");
        Files.writeString(dir.resolve(Presets.FILE), yaml);
        return Presets.load(dir);
    }
}
