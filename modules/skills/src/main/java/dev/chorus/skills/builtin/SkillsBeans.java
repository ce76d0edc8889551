package dev.chorus.skills.builtin;

import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The settings and the clock the skills tell the time by (tests replace it). */
@Factory
class SkillsBeans {

    @Singleton
    SkillsSettings skillsSettings(EnvSource env) {
        return SkillsSettingsLoader.load(env);
    }

    @Singleton
    Clock clock(SkillsSettings settings) {
        return Clock.system(settings.zone());
    }
}
