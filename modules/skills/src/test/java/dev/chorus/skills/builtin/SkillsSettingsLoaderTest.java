package dev.chorus.skills.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SkillsSettingsLoaderTest {

    @Test
    void defaults() {
        SkillsSettings s = SkillsSettingsLoader.load(new MapEnvSource(Map.of()));
        assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.webhookUrls()).isEmpty();
        assertThat(s.webhookIntents()).isEmpty();
        assertThat(s.webhookTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsEveryVariable() {
        SkillsSettings s = SkillsSettingsLoader.load(new MapEnvSource(Map.of(
                "TZ", "America/New_York",
                "CHORUS_WEBHOOK_URLS", "http://ha:8123/api/webhook/x, https://n8n.example/hook",
                "CHORUS_WEBHOOK_INTENTS", "ChangeLightState,GetWeather",
                "CHORUS_WEBHOOK_TIMEOUT", "2500ms")));
        assertThat(s.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(s.webhookUrls())
                .containsExactly(URI.create("http://ha:8123/api/webhook/x"), URI.create("https://n8n.example/hook"));
        assertThat(s.webhookIntents()).isEqualTo(Optional.of(Set.of("ChangeLightState", "GetWeather")));
        assertThat(s.webhookTimeout()).isEqualTo(Duration.ofMillis(2500));

        SkillsSettings both = SkillsSettingsLoader.load(new MapEnvSource(
                Map.of("TZ", "America/New_York", "CHORUS_TIMEZONE", "Europe/Berlin", "CHORUS_WEBHOOK_INTENTS", "*")));
        assertThat(both.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(both.webhookIntents()).isEmpty();
    }

    @Test
    void badValuesNameTheirVariable() {
        assertThatThrownBy(() -> SkillsSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_TIMEZONE", "Mars/Base"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_TIMEZONE")
                .hasMessageContaining("time zone");
        assertThatThrownBy(() -> SkillsSettingsLoader.load(new MapEnvSource(Map.of("TZ", "nowhere"))))
                .hasMessageContaining("TZ");
        assertThatThrownBy(() -> SkillsSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_WEBHOOK_URLS", "ftp://x/"))))
                .hasMessageContaining("CHORUS_WEBHOOK_URLS");
        assertThatThrownBy(() -> SkillsSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_WEBHOOK_INTENTS", "a/b"))))
                .hasMessageContaining("CHORUS_WEBHOOK_INTENTS");
        assertThatThrownBy(() -> SkillsSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_WEBHOOK_TIMEOUT", "0"))))
                .hasMessageContaining("CHORUS_WEBHOOK_TIMEOUT");
    }
}
