package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsrSettingsTest {

    @Test
    void defaults() {
        AsrSettings s = AsrSettingsLoader.load(new MapEnvSource(Map.of()), Path.of("/data"));
        assertThat(s.decoders()).isEqualTo(1);
        assertThat(s.silence()).isEqualTo(Duration.ofMillis(600));
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.grammarDir()).isEqualTo(Path.of("/data/grammars"));
    }

    @Test
    void readsEveryVariable() {
        AsrSettings s = AsrSettingsLoader.load(
                new MapEnvSource(Map.of(
                        "CHORUS_ASR_DECODERS", "2",
                        "CHORUS_ASR_QUEUE_SIZE", "3",
                        "CHORUS_ASR_MAX_SESSIONS", "4",
                        "CHORUS_ASR_VAD_THRESHOLD_DB", "9.5",
                        "CHORUS_ASR_SILENCE", "800ms",
                        "CHORUS_ASR_MIN_SPEECH", "100ms",
                        "CHORUS_ASR_TIMEOUT", "5",
                        "CHORUS_ASR_MAX_DURATION", "30s",
                        "CHORUS_ASR_MAX_GRAMMAR_BYTES", "1M",
                        "CHORUS_ASR_GRAMMAR_CACHE", "5")),
                Path.of("/d"));
        assertThat(s)
                .isEqualTo(new AsrSettings(
                        2,
                        3,
                        4,
                        9.5,
                        Duration.ofMillis(800),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        1 << 20,
                        5,
                        Path.of("/d/grammars"),
                        false,
                        false,
                        AsrSettingsLoader.DEFAULT_OOD_THRESHOLD));
    }

    @Test
    void outOfDomainRejectionCanBeTurnedOnWithItsThreshold() {
        AsrSettings s = AsrSettingsLoader.load(
                new MapEnvSource(Map.of("CHORUS_ASR_REJECT_OOD", "yes", "CHORUS_ASR_OOD_THRESHOLD", "1.2")),
                Path.of("/d"));
        assertThat(s.rejectOutOfDomain()).isTrue();
        assertThat(s.outOfDomainThreshold()).isEqualTo(1.2);
        assertThatThrownBy(() -> AsrSettingsLoader.load(
                        new MapEnvSource(Map.of("CHORUS_ASR_OOD_THRESHOLD", "-1")), Path.of("/d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_ASR_OOD_THRESHOLD");
    }

    @Test
    void outOfGrammarRejectionCanBeTurnedOn() {
        assertThat(AsrSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_ASR_REJECT_OOG", "on")), Path.of("/d"))
                        .rejectOutOfGrammar())
                .isTrue();
        assertThatThrownBy(() -> AsrSettingsLoader.load(
                        new MapEnvSource(Map.of("CHORUS_ASR_REJECT_OOG", "maybe")), Path.of("/d")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_ASR_REJECT_OOG");
    }

    @Test
    void aBadValueNamesItsVariable() {
        assertThatThrownBy(() ->
                        AsrSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_ASR_DECODERS", "0")), Path.of("/data")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_ASR_DECODERS");
        assertThatThrownBy(() -> AsrSettingsLoader.load(
                        new MapEnvSource(Map.of("CHORUS_ASR_SILENCE", "a while")), Path.of("/data")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_ASR_SILENCE");
    }
}
