package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TtsConfigTest {

    @Test
    void defaults() {
        final TtsConfig c = TtsConfig.fromEnv(Map.of());
        assertThat(c.configDir()).isEqualTo(Path.of("/etc/chorus/tts"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(c.cacheDir()).isEqualTo(Path.of("/data/tts-cache"));
        assertThat(c.sampleRate()).isEqualTo(16000);
        assertThat(c.workers()).isBetween(1, 2);
        assertThat(c.cacheMaxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.maxTextChars()).isEqualTo(2000);
        assertThat(c.defaultLanguage()).isEqualTo("en");
        assertThat(c.defaultPreset()).isEqualTo("default");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void readsEveryVariable() {
        final TtsConfig c = TtsConfig.fromEnv(Map.of(
                "CHORUS_TTS_CONFIG_DIR",
                "/c",
                "CHORUS_DATA_DIR",
                "/d",
                "CHORUS_TTS_SAMPLE_RATE",
                "22050",
                "CHORUS_TTS_WORKERS",
                "3",
                "CHORUS_TTS_CACHE_MAX_BYTES",
                "16M",
                "CHORUS_TTS_MAX_TEXT_CHARS",
                "500",
                "CHORUS_TTS_DEFAULT_LANGUAGE",
                "en-GB",
                "CHORUS_TTS_DEFAULT_PRESET",
                "slow",
                "CHORUS_TTS_TIMEOUT_SECONDS",
                "2.5"));
        assertThat(c)
                .isEqualTo(new TtsConfig(
                        Path.of("/c"),
                        Path.of("/d"),
                        22050,
                        3,
                        16L << 20,
                        500,
                        "en-GB",
                        "slow",
                        Duration.ofMillis(2500)));
    }

    @Test
    void sizesAndDurationsFollowTheSharedRules() {
        assertThat(TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", "1g")).cacheMaxBytes())
                .isEqualTo(1L << 30);
        assertThat(TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", "512KiB"))
                        .cacheMaxBytes())
                .isEqualTo(512L << 10);
        assertThat(TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", "1000"))
                        .cacheMaxBytes())
                .isEqualTo(1000);
        assertThat(TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", " ")).cacheMaxBytes())
                .isEqualTo(64L << 20);
        assertThat(TtsConfig.fromEnv(Map.of("CHORUS_TTS_TIMEOUT_SECONDS", "1500ms"))
                        .timeout())
                .isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_SAMPLE_RATE", "fast")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_TTS_SAMPLE_RATE: \"fast\" is not a whole number between 8000 and 48000");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_SAMPLE_RATE", "96000")))
                .hasMessage("CHORUS_TTS_SAMPLE_RATE: \"96000\" is not a whole number between 8000 and 48000");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_WORKERS", "0")))
                .hasMessage("CHORUS_TTS_WORKERS: \"0\" is not a whole number between 1 and 64");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", "-1")))
                .hasMessageStartingWith("CHORUS_TTS_CACHE_MAX_BYTES: \"-1\" is not a size between 0 and ");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_TIMEOUT_SECONDS", "0")))
                .hasMessageStartingWith("CHORUS_TTS_TIMEOUT_SECONDS: \"0\" is not a duration between 1ms and 1d");
    }

    @Test
    void theOldDataFolderVariableIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_DATA_DIR", "/var/lib/chorus/tts")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_TTS_DATA_DIR: is no longer read")
                .hasMessageContaining("CHORUS_DATA_DIR");
    }
}
