package dev.chorus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.MapEnvSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleCatalogTest {

    private static EnvReader env(String modules) {
        return new EnvReader(new MapEnvSource(modules == null ? Map.of() : Map.of(ModuleCatalog.MODULES, modules)));
    }

    @Test
    void defaultIsEveryModuleThatNeedsNoExtraFiles() {
        assertThat(ModuleCatalog.selected(env(null)))
                .extracting(EmbeddedModule::name)
                .containsExactlyInAnyOrder("tts", "audio", "gateway", "nlu", "dialogue", "mic", "skills", "asr");
    }

    @Test
    void listedModulesRunInStartOrderOnce() {
        assertThat(ModuleCatalog.selected(env(" gateway, tts,tts ,audio")))
                .extracting(EmbeddedModule::name)
                .containsExactly("tts", "audio", "gateway");
    }

    @Test
    void anUnknownModuleNamesTheVariable() {
        assertThatThrownBy(() -> ModuleCatalog.selected(env("tts,speaker")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CHORUS_EMBEDDED_MODULES: ")
                .hasMessageContaining("tts, audio");
    }

    @Test
    void onlyTheGatewayServesHttp() {
        assertThat(ModuleCatalog.all())
                .filteredOn(EmbeddedModule::http)
                .extracting(EmbeddedModule::name)
                .containsExactly("gateway");
    }
}
