package dev.chorus.testkit;

import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a module's Micronaut context against an {@link InProcessBroker}, configured the way the container
 * is: through environment variables (a {@link MapEnvSource}), never through the real environment.
 *
 * <pre>{@code
 * ModuleHarness tts = ModuleHarness.of("tts", broker).property("spec.name", "TtsTest");
 * try (ApplicationContext ctx = tts.start()) { ... }
 * }</pre>
 *
 * Each {@link #start()} makes a new context with the same client id and data folder, so stopping and
 * starting again is a module restart (its broker session resumes).
 */
public final class ModuleHarness {

    private final String module;
    private final InProcessBroker broker;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private ModuleHarness(String module, InProcessBroker broker) {
        this.module = module;
        this.broker = broker;
        env.put(EnvVars.MQTT_URI, broker.uri());
        env.put(EnvVars.MQTT_USERNAME, module);
        env.put(EnvVars.MQTT_PASSWORD_FILE, broker.passwordFile(module).toString());
        env.put(EnvVars.MQTT_CLIENT_ID, module);
        env.put(EnvVars.MQTT_RECONNECT_MAX_DELAY, "2");
        env.put(EnvVars.INSTANCE, "test");
        env.put(EnvVars.DATA_DIR, broker.newFolder("module-" + module).toString());
        properties.put("micronaut.application.name", module);
        properties.put("chorus.module.version", "test");
        properties.put("micronaut.server.port", -1);
    }

    /** A module whose principal (user name, client id) is its name. The broker must be running. */
    public static ModuleHarness of(String module, InProcessBroker broker) {
        return new ModuleHarness(module, broker);
    }

    /** Sets one of the module's environment variables (see {@link EnvVars}). */
    public ModuleHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Connects through a proxy (or anything else) instead of straight to the broker. */
    public ModuleHarness mqttUri(String uri) {
        return env(EnvVars.MQTT_URI, uri);
    }

    /** Logs in as another principal than the module name. */
    public ModuleHarness principal(String principal) {
        env(EnvVars.MQTT_USERNAME, principal);
        return env(EnvVars.MQTT_PASSWORD_FILE, broker.passwordFile(principal).toString());
    }

    /** A Micronaut property, e.g. {@code spec.name} to switch on test-only beans. */
    public ModuleHarness property(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public Path dataDir() {
        return Path.of(env.get(EnvVars.DATA_DIR));
    }

    public String module() {
        return module;
    }

    /** Builds and starts the context; the MQTT connection comes up in the background. */
    public ApplicationContext start() {
        return ApplicationContext.builder()
                .properties(properties)
                .singletons(new MapEnvSource(env))
                .deduceEnvironment(false)
                .start();
    }

    /** Starts the context and waits (Awaitility) until it is connected. */
    public ApplicationContext startConnected() {
        ApplicationContext ctx = start();
        try {
            ChorusMqtt mqtt = ctx.getBean(ChorusMqtt.class);
            org.awaitility.Awaitility.await(module + " connected")
                    .atMost(TestMqttClient.DEFAULT_WAIT)
                    .until(mqtt::isConnected);
            return ctx;
        } catch (RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }
}
