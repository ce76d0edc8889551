package dev.chorus.asr;

import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.ChorusApplication;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.config.ModuleSettingsLoader;

/**
 * The asr module: Hermes speech recognition with Sphinx4 in grammar mode on the grammar the nlu module publishes
 * ({@link dev.chorus.asr.listen.Sessions}, {@link Transcriber}).
 */
public final class Application {

    /** Same as micronaut.application.name in application.yml. */
    public static final String MODULE = "asr";

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, Application::checkAsrSettings);
    }

    /** The asr variables, checked before Micronaut starts. */
    static void checkAsrSettings(EnvSource env) {
        ModuleSettings module = ModuleSettingsLoader.load(env, MODULE, null);
        AsrSettingsLoader.load(env, module.dataDir());
    }
}
