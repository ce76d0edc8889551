package dev.chorus.audio;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.ChorusApplication;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.config.ModuleSettingsLoader;

/** The audio module: a Hermes audio output server (see {@link Player}). */
public final class Application {

    /** Same as micronaut.application.name in application.yml. */
    static final String MODULE = "audio";

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, Application::checkAudioSettings);
    }

    /** The audio variables (and the sound device they name), checked before Micronaut starts. */
    static void checkAudioSettings(EnvSource env) {
        ModuleSettings module = ModuleSettingsLoader.load(env, MODULE, null);
        AudioSettings audio = AudioSettingsLoader.load(env, module.dataDir());
        audio.device().ifPresent(DeviceSink::open);
    }

    /** The first configuration problem, or null. */
    static ConfigException check(EnvSource env) {
        return ChorusApplication.firstProblem(env, Application::checkAudioSettings);
    }
}
