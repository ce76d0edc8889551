package dev.chorus.audio;

import dev.chorus.shared.ChorusApplication;
import dev.chorus.shared.config.ConfigException;
import dev.chorus.shared.config.EnvSource;
import dev.chorus.shared.config.ModuleSettings;
import dev.chorus.shared.config.ModuleSettingsLoader;

/** The audio module: a Hermes audio output server (see {@link Player}). */
public final class Application {

    /** Same as micronaut.application.name in application.yml. */
    static final String MODULE = "audio";

    private Application() {
    }

    public static void main(String[] args) {
        ConfigException bad = check(System::getenv);
        if (bad != null) {
            System.err.println("configuration error: " + bad.getMessage());
            System.exit(2);
        }
        ChorusApplication.run(Application.class, args);
    }

    /**
     * Validates every variable before Micronaut starts. Needed because {@code Micronaut.start()} handles a
     * failing bean itself (logs the whole trace, exits with 1) outside the test environment, so
     * {@link ChorusApplication}'s one-line exit 2 is never reached for errors raised while beans are created.
     *
     * @return the first problem, or null
     */
    static ConfigException check(EnvSource env) {
        try {
            ModuleSettings module = ModuleSettingsLoader.load(env, MODULE, null);
            AudioSettings audio = AudioSettingsLoader.load(env, module.dataDir());
            audio.device().ifPresent(DeviceSink::open);
            return null;
        } catch (ConfigException e) {
            return e;
        }
    }
}
