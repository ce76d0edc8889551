package dev.chorus.nlu;

import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The settings, checked when the module starts. */
@Factory
class NluBeans {

    @Singleton
    NluSettings nluSettings(EnvSource env, ModuleSettings module) {
        return NluSettingsLoader.load(env, module.dataDir());
    }
}
