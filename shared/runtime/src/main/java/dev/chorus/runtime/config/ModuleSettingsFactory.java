package dev.chorus.runtime.config;

import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

@Factory
class ModuleSettingsFactory {

    @Singleton
    ModuleSettings moduleSettings(
            EnvSource env,
            @Value("${micronaut.application.name:}") String module,
            @Value("${chorus.module.version:dev}") String version) {
        return ModuleSettingsLoader.load(env, module, version);
    }
}
