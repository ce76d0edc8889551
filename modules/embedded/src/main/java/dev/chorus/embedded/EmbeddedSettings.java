package dev.chorus.embedded;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvVars;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded stack's own settings; every other variable means what it means in the containers.
 *
 * @param dataDir the one data folder ({@code CHORUS_DATA_DIR}): {@code broker/}, {@code credentials/},
 *                {@code acl.conf} and one sub-folder per module, the layout of the compose volumes
 * @param modules the modules that run ({@code CHORUS_EMBEDDED_MODULES})
 * @param env     the process's variables, as each module would see them in its container
 */
record EmbeddedSettings(Path dataDir, List<EmbeddedModule> modules, Map<String, String> env) {

    /** Not the containers' {@code /data}: a folder a user can write without root. */
    static final Path DEFAULT_DATA_DIR = Path.of("chorus-data");

    EmbeddedSettings {
        modules = List.copyOf(modules);
        env = Map.copyOf(env);
    }

    static EmbeddedSettings fromEnv(Map<String, String> env) {
        EnvReader in = new EnvReader(env::get);
        Path data = in.path(EnvVars.DATA_DIR, DEFAULT_DATA_DIR).toAbsolutePath();
        return new EmbeddedSettings(data, ModuleCatalog.selected(in), env);
    }

    Path credentialsDir() {
        return dataDir.resolve("credentials");
    }

    Path moduleDataDir(String module) {
        return dataDir.resolve(module);
    }
}
