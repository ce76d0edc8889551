package dev.chorus.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModuleClassLoaderTest {

    private static final ClassLoader APP = ModuleClassLoaderTest.class.getClassLoader();

    private static ModuleClassLoader loaderOf(String name) {
        EmbeddedModule module = ModuleCatalog.all().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
        return ModuleClassLoader.of(module, ModuleCatalog.all(), APP);
    }

    @Test
    void eachModuleReadsItsOwnApplicationYml() throws IOException {
        for (String name : List.of("tts", "audio", "gateway", "skills")) {
            try (InputStream in = loaderOf(name).getResourceAsStream("application.yml")) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .as(name)
                        .containsPattern("name: " + name + "\\s");
            }
        }
    }

    @Test
    void beanDefinitionsOfOtherModulesAreHiddenButSharedOnesStay() throws IOException {
        List<URL> visible = Collections.list(
                loaderOf("audio").getResources("META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference"));
        URL audio = ModuleClassLoader.codeLocation("dev.chorus.audio.Application", APP);
        URL tts = ModuleClassLoader.codeLocation("dev.chorus.tts.Application", APP);
        URL skillsApi = ModuleClassLoader.codeLocation("dev.chorus.skills.Skill", APP);
        URL runtime = ModuleClassLoader.codeLocation("dev.chorus.runtime.ChorusApplication", APP);
        assertThat(visible).anyMatch(u -> u.toString().startsWith(ModuleClassLoader.resourcePrefix(audio)));
        assertThat(visible).anyMatch(u -> u.toString().startsWith(ModuleClassLoader.resourcePrefix(runtime)));
        assertThat(visible).noneMatch(u -> u.toString().startsWith(ModuleClassLoader.resourcePrefix(tts)));
        assertThat(visible).noneMatch(u -> u.toString().startsWith(ModuleClassLoader.resourcePrefix(skillsApi)));
    }

    @Test
    void classesAreSharedNotCopied() throws ClassNotFoundException {
        assertThat(loaderOf("audio").loadClass("dev.chorus.tts.Application"))
                .isSameAs(Class.forName("dev.chorus.tts.Application", false, APP));
    }
}
