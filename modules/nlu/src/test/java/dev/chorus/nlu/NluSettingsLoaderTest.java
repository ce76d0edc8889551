package dev.chorus.nlu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NluSettingsLoaderTest {

    private static final Path DATA = Path.of("/data");

    @Test
    void defaults() {
        NluSettings s = NluSettingsLoader.load(new MapEnvSource(Map.of()), DATA);
        assertThat(s.dataTemplates()).isEqualTo(Path.of("/data/intents"));
        assertThat(s.mounted()).isEmpty();
        assertThat(s.builtIn()).isEqualTo(Path.of("/etc/chorus/intents"));
        assertThat(s.watchInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.language()).isEqualTo("en");
    }

    @Test
    void everyVariable() {
        NluSettings s = NluSettingsLoader.load(
                new MapEnvSource(Map.of(
                        "CHORUS_NLU_TEMPLATES_DIR", "/config/intents",
                        "CHORUS_NLU_BUILTIN_DIR", "/opt/intents",
                        "CHORUS_NLU_WATCH_INTERVAL", "500ms",
                        "CHORUS_NLU_LANGUAGE", "en-US")),
                DATA);
        assertThat(s.mounted()).isEqualTo(Optional.of(Path.of("/config/intents")));
        assertThat(s.builtIn()).isEqualTo(Path.of("/opt/intents"));
        assertThat(s.watchInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.language()).isEqualTo("en-US");
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() ->
                        NluSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_NLU_WATCH_INTERVAL", "often")), DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_NLU_WATCH_INTERVAL");
        assertThatThrownBy(() ->
                        NluSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_NLU_LANGUAGE", "english please")), DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_NLU_LANGUAGE");
    }
}
