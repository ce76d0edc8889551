package dev.chorus.embedded;

import dev.chorus.broker.BrokerSettings;
import dev.chorus.broker.ChorusBroker;
import dev.chorus.protocol.env.MapEnvSource;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker and the selected modules in this JVM: one Micronaut {@link ApplicationContext} per module, each with
 * its own variables ({@link ModuleEnvironment}), data folder, MQTT principal and view of the classpath
 * ({@link ModuleClassLoader}). They still meet only over MQTT, through the in-process broker.
 */
public final class EmbeddedStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final String ACL_FILE = "CHORUS_BROKER_ACL_FILE";
    private static final String METRICS_PORT = "CHORUS_BROKER_METRICS_PORT";

    private final ChorusBroker broker;
    private final Map<String, ApplicationContext> contexts;

    private EmbeddedStack(ChorusBroker broker, Map<String, ApplicationContext> contexts) {
        this.broker = broker;
        this.contexts = contexts;
    }

    /** Starts everything from these variables (the process environment, or a test's map). */
    public static EmbeddedStack start(Map<String, String> variables) {
        EmbeddedSettings settings = EmbeddedSettings.fromEnv(variables);
        Set<String> principals = new LinkedHashSet<>();
        ModuleCatalog.all().forEach(m -> principals.add(m.name()));
        principals.add("operator");
        principals.add("cli");
        PasswordFiles.ensure(settings.credentialsDir(), principals);
        ChorusBroker broker = ChorusBroker.start(brokerSettings(settings));
        Map<String, ApplicationContext> contexts = new LinkedHashMap<>();
        EmbeddedStack stack = new EmbeddedStack(broker, contexts);
        try {
            for (EmbeddedModule module : settings.modules()) {
                long t0 = System.nanoTime();
                contexts.put(module.name(), startModule(settings, module, broker.mqttUri()));
                LOG.info("{} started in {} ms", module.name(), (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The broker variables of the process, with the embedded layout's folders where they are unset. */
    private static BrokerSettings brokerSettings(EmbeddedSettings settings) {
        Map<String, String> env = new HashMap<>(settings.env());
        env.put("CHORUS_DATA_DIR", settings.dataDir().resolve("broker").toString());
        env.put("CHORUS_BROKER_CREDENTIALS_DIR", settings.credentialsDir().toString());
        // on a laptop or a board, not every network: 0.0.0.0 only when asked for
        env.putIfAbsent("CHORUS_BROKER_BIND_ADDRESS", "127.0.0.1");
        if (env.getOrDefault(ACL_FILE, "").isBlank()) {
            env.put(ACL_FILE, writeBundledAcl(settings.dataDir()).toString());
        }
        BrokerSettings.Builder broker = BrokerSettings.fromEnv(env).toBuilder().readyFile(null);
        // the container's metrics port only when asked for: one JVM on a laptop or a board opens no extra port
        if (env.getOrDefault(METRICS_PORT, "").isBlank()) {
            broker.metricsPort(-1);
        }
        return broker.build();
    }

    /** The repository's broker/acl.conf as built into this jar, rewritten on each start so that it matches the code. */
    private static Path writeBundledAcl(Path dataDir) {
        Path file = dataDir.resolve("acl.conf");
        try (InputStream in = EmbeddedStack.class.getResourceAsStream("acl.conf")) {
            if (in == null) {
                throw new IllegalStateException("acl.conf is missing from the embedded jar");
            }
            Files.createDirectories(dataDir);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static ApplicationContext startModule(EmbeddedSettings settings, EmbeddedModule module, String mqttUri) {
        ClassLoader loader = ModuleClassLoader.of(module, ModuleCatalog.all(), EmbeddedStack.class.getClassLoader());
        Map<String, String> env = ModuleEnvironment.of(settings, module.name(), mqttUri);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // threads the module starts now (executors, Paho, Netty) inherit its view of the classpath
        thread.setContextClassLoader(loader);
        ApplicationContext ctx = null;
        try {
            ctx = ApplicationContext.builder()
                    .classLoader(loader)
                    .singletons(new MapEnvSource(env))
                    .deduceEnvironment(false)
                    .start();
            if (module.http()) {
                ctx.getBean(EmbeddedServer.class).start();
            }
            return ctx;
        } catch (RuntimeException e) {
            if (ctx != null) {
                ctx.close();
            }
            throw new ModuleStartException(module.name(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String mqttUri() {
        return broker.mqttUri();
    }

    /** The running modules' contexts by name, in start order. */
    public Map<String, ApplicationContext> contexts() {
        return Collections.unmodifiableMap(contexts);
    }

    /** Stops the modules in reverse order (each publishes its offline status), then the broker. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(contexts.keySet());
        Collections.reverse(names);
        for (String name : names) {
            try {
                contexts.get(name).close();
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly: {}", name, e.toString());
            }
        }
        contexts.clear();
        broker.stop();
    }

    /** A module that did not start; names it, keeps the cause (a configuration error, if that is what it was). */
    public static final class ModuleStartException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String module;

        ModuleStartException(String module, Throwable cause) {
            super(module + " did not start: " + cause.getMessage(), cause);
            this.module = module;
        }

        public String module() {
            return module;
        }
    }
}
