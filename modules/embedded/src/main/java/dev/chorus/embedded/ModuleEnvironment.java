package dev.chorus.embedded;

import dev.chorus.protocol.env.EnvVars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The variables one module sees: the process's, with what its container would get from compose instead of
 * the process: its own principal, password file, client id and data folder, and the in-process broker's address.
 * Environment variables are process-wide, so this map reaches the module as its {@code EnvSource} bean (the
 * runtime's hook for tests, {@code MapEnvSource}), never through {@code System.getenv}.
 */
final class ModuleEnvironment {

    /**
     * Folders the images bake in under /etc/chorus, found in the working folder when it is a checkout
     * (the variable, when set, wins).
     */
    private static final Map<String, String> CHECKOUT_FOLDERS = Map.of(
            "CHORUS_TTS_CONFIG_DIR", "tts",
            "CHORUS_NLU_BUILTIN_DIR", "intents",
            "CHORUS_DIALOGUE_SOUNDS_DIR", "sounds",
            "CHORUS_WAKE_MODELS_DIR", "build/wake-models");

    private ModuleEnvironment() {}

    static Map<String, String> of(EmbeddedSettings settings, String module, String mqttUri) {
        Map<String, String> env = new HashMap<>(settings.env());
        Path credentials = settings.credentialsDir();
        env.put(EnvVars.MQTT_URI, mqttUri);
        env.put(EnvVars.MQTT_USERNAME, module);
        env.put(EnvVars.MQTT_PASSWORD_FILE, credentials.resolve(module).toString());
        env.put(EnvVars.MQTT_CLIENT_ID, module);
        env.put(EnvVars.DATA_DIR, settings.moduleDataDir(module).toString());
        // the gateway's console login is the operator credential (compose: CHORUS_MODULE_EXTRA_SECRETS)
        env.putIfAbsent(
                "CHORUS_GATEWAY_OPERATOR_PASSWORD_FILE",
                credentials.resolve("operator").toString());
        CHECKOUT_FOLDERS.forEach((variable, folder) -> {
            Path path = Path.of(folder).toAbsolutePath();
            if (!isSet(env, variable) && Files.isDirectory(path)) {
                env.put(variable, path.toString());
            }
        });
        return env;
    }

    private static boolean isSet(Map<String, String> env, String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }
}
