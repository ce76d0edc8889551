package dev.chorus.mic;

import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.config.ModuleSettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The settings, checked when the module starts. */
@Factory
class MicBeans {

    @Singleton
    MicSettings micSettings(EnvSource env, ModuleSettings module) {
        return MicSettingsLoader.load(env, module.dataDir());
    }
}
