package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewaySettingsLoaderTest {

    @TempDir
    Path dir;

    private Map<String, String> env() throws Exception {
        Path pw = dir.resolve("operator");
        Files.writeString(pw, "a-long-password\n");
        Map<String, String> env = new HashMap<>();
        env.put(GatewaySettingsLoader.OPERATOR_PASSWORD_FILE, pw.toString());
        return env;
    }

    @Test
    void defaults() throws Exception {
        GatewaySettings s = GatewaySettingsLoader.load(new MapEnvSource(env()));
        assertThat(new String(s.operatorPassword())).isEqualTo("a-long-password");
        assertThat(s.port()).isEmpty();
        assertThat(s.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(s.sayHistoryBytes()).isEqualTo(32L << 20);
        assertThat(s.toString()).doesNotContain("a-long-password");
    }

    @Test
    void sizesAndNumbers() throws Exception {
        Map<String, String> env = env();
        env.put(GatewaySettingsLoader.MAX_BODY_BYTES, "2M");
        env.put(GatewaySettingsLoader.PORT, "9090");
        env.put(GatewaySettingsLoader.SECURE_COOKIE, "yes");
        GatewaySettings s = GatewaySettingsLoader.load(new MapEnvSource(env));
        assertThat(s.maxBodyBytes()).isEqualTo(2 << 20);
        assertThat(s.port()).hasValue(9090);
        assertThat(s.secureCookie()).isTrue();
    }

    @Test
    void everyProblemNamesItsVariable() throws Exception {
        for (String[] bad : new String[][] {
            {GatewaySettingsLoader.PORT, "http"},
            {GatewaySettingsLoader.PORT, "70000"},
            {GatewaySettingsLoader.MAX_BODY_BYTES, "12Q"},
            {GatewaySettingsLoader.SECURE_COOKIE, "maybe"},
            {GatewaySettingsLoader.EVENT_STREAMS, "0"},
            {GatewaySettingsLoader.REMOVED_PRESETS_FILE, "/etc/chorus/tts/presets.yml"},
            {GatewaySettingsLoader.OPERATOR_PASSWORD_FILE, "/no/such/file"}
        }) {
            Map<String, String> env = env();
            env.put(bad[0], bad[1]);
            assertThatThrownBy(() -> GatewaySettingsLoader.load(new MapEnvSource(env)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(bad[0] + ": ");
        }
        Map<String, String> shortPassword = env();
        Files.writeString(Path.of(shortPassword.get(GatewaySettingsLoader.OPERATOR_PASSWORD_FILE)), "short\n");
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new MapEnvSource(shortPassword)))
                .hasMessageContaining("shorter than 8");
    }

    @Test
    void thePresetsFileIsNoLongerRead() throws Exception {
        Map<String, String> env = env();
        env.put(GatewaySettingsLoader.REMOVED_PRESETS_FILE, "none");
        assertThatThrownBy(() -> GatewaySettingsLoader.load(new MapEnvSource(env)))
                .hasMessageStartingWith("CHORUS_GATEWAY_PRESETS_FILE: is no longer read")
                .hasMessageContaining("chorus/tts/presets");
        env.put(GatewaySettingsLoader.REMOVED_PRESETS_FILE, "");
        assertThat(GatewaySettingsLoader.load(new MapEnvSource(env)).maxTextChars())
                .isEqualTo(2000); // empty = unset
    }
}
