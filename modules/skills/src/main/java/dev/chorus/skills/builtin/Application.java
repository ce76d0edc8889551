package dev.chorus.skills.builtin;

import dev.chorus.runtime.ChorusApplication;

/**
 * The skills module: the built-in skills of this package answer their intents (time, date, timers, volume,
 * cancel) through the skills API ({@code shared/skills}), and {@code webhook} forwards other intents to HTTP
 * services when {@code CHORUS_WEBHOOK_URLS} is set. Variables: modules/skills/CONFIG.md.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, SkillsSettingsLoader::check);
    }
}
