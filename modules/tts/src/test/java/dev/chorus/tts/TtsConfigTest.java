package dev.chorus.tts;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                "CHORUS_TTS_CONFIG_DIR", "/c", "CHORUS_DATA_DIR", "/d", "CHORUS_TTS_SAMPLE_RATE", "22050",
                "CHORUS_TTS_WORKERS", "3", "CHORUS_TTS_CACHE_MAX_BYTES", "16M", "CHORUS_TTS_MAX_TEXT_CHARS", "500",
                "CHORUS_TTS_DEFAULT_LANGUAGE", "en-GB", "CHORUS_TTS_DEFAULT_PRESET", "slow",
                "CHORUS_TTS_TIMEOUT_SECONDS", "2.5"));
        assertThat(c).isEqualTo(new TtsConfig(Path.of("/c"), Path.of("/d"), 22050, 3, 16L << 20, 500, "en-GB", "slow",
                Duration.ofMillis(2500)));
        assertThat(TtsConfig.parseBytes("1g")).isEqualTo(1L << 30);
        assertThat(TtsConfig.parseBytes("512KiB")).isEqualTo(512L << 10);
        assertThat(TtsConfig.parseBytes("1000")).isEqualTo(1000);
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_SAMPLE_RATE", "fast")))
                .isInstanceOf(TtsException.BadConfig.class).hasMessageContaining("CHORUS_TTS_SAMPLE_RATE='fast'");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_SAMPLE_RATE", "96000")))
                .hasMessageContaining("CHORUS_TTS_SAMPLE_RATE must be 8000..48000");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_WORKERS", "0")))
                .hasMessageContaining("CHORUS_TTS_WORKERS");
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_CACHE_MAX_BYTES", "-1")))
                .hasMessageContaining("CHORUS_TTS_CACHE_MAX_BYTES");
    }

    @Test
    void theOldDataFolderVariableIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> TtsConfig.fromEnv(Map.of("CHORUS_TTS_DATA_DIR", "/var/lib/chorus/tts")))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageContaining("CHORUS_TTS_DATA_DIR is no longer read").hasMessageContaining("CHORUS_DATA_DIR");
    }
}
