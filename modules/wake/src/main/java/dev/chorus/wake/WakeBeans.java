package dev.chorus.wake;

import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The settings and the models, both checked when the module starts. */
@Factory
class WakeBeans {

    @Singleton
    WakeSettings wakeSettings(EnvSource env) {
        return WakeSettingsLoader.load(env);
    }

    @Singleton
    @Bean(preDestroy = "close")
    WakeEngine wakeEngine(WakeSettings settings) {
        return WakeEngine.load(settings);
    }
}
