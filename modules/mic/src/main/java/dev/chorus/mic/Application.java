package dev.chorus.mic;

import dev.chorus.mic.MicSettings.Source;
import dev.chorus.mic.source.DeviceSource;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.ChorusApplication;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.config.ModuleSettingsLoader;

/**
 * The mic module: a Hermes audio input server. Streams {@code hermes/audioServer/{siteId}/audioFrame} from WAV
 * files dropped into its inbox, raw PCM over UDP or a sound device ({@link Sources}), for the sites that an online
 * module listens to ({@link Listening}).
 */
public final class Application {

    /** Same as micronaut.application.name in application.yml. */
    static final String MODULE = "mic";

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, Application::checkMicSettings);
    }

    /** The mic variables (and the sound device they name), checked before Micronaut starts. */
    static void checkMicSettings(EnvSource env) {
        ModuleSettings module = ModuleSettingsLoader.load(env, MODULE, null);
        MicSettings mic = MicSettingsLoader.load(env, module.dataDir());
        if (mic.uses(Source.DEVICE)) {
            DeviceSource.find(mic.device());
        }
    }

    /** The first configuration problem, or null. */
    static ConfigException check(EnvSource env) {
        return ChorusApplication.firstProblem(env, Application::checkMicSettings);
    }
}
