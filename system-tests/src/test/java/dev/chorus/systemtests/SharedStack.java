package dev.chorus.systemtests;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One stack of docker-compose.yml for the whole test run: {@code docker compose up -d --wait} once,
 * under its own project name and free ports, shared by every class that asks for it
 * ({@code @ExtendWith(SharedStack.class)} and a {@code SharedStack} parameter), and
 * {@code down --volumes} when the run ends (it lives in JUnit's root store). Starting the stack is
 * the expensive part of the system tests; a class that changes the stack puts it back as it was.
 * A failed start is remembered: the next classes fail at once instead of starting it again.
 */
public final class SharedStack implements AutoCloseable {

    private static final Duration UP = Duration.ofMinutes(8);

    final ComposeProject project;
    final int mqttPort;
    final int httpPort;
    final List<String> modules;
    final String operatorPassword;
    final long upMillis;

    private SharedStack(
            ComposeProject project,
            int mqttPort,
            int httpPort,
            List<String> modules,
            String operatorPassword,
            long upMillis) {
        this.project = project;
        this.mqttPort = mqttPort;
        this.httpPort = httpPort;
        this.modules = modules;
        this.operatorPassword = operatorPassword;
        this.upMillis = upMillis;
    }

    /** The project name: what {@code -p} or {@code COMPOSE_PROJECT_NAME} selects. */
    String name() {
        return project.name;
    }

    /**
     * The environment under which a command typed in the repository folder talks to this stack:
     * Compose's project name and ports; {@code XDG_CONFIG_HOME} with mosquitto_sub/pub option files
     * that give the stack's MQTT port and a {@code .curlrc} that sends the docs' {@code 127.0.0.1:8080}
     * to the stack's HTTP port (the clients' documented ways to set defaults).
     */
    Map<String, String> userEnv(java.nio.file.Path configHome) {
        try {
            java.nio.file.Files.createDirectories(configHome);
            for (String client : List.of("mosquitto_sub", "mosquitto_pub", "mosquitto_rr")) {
                java.nio.file.Files.writeString(configHome.resolve(client), "-p " + mqttPort + "\n");
            }
            // curl's own option file: the docs' http://127.0.0.1:8080 reaches this stack's gateway
            java.nio.file.Files.writeString(
                    configHome.resolve(".curlrc"), "connect-to = \"127.0.0.1:8080:127.0.0.1:" + httpPort + "\"\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of(
                "COMPOSE_PROJECT_NAME",
                project.name,
                "CHORUS_MQTT_PORT",
                Integer.toString(mqttPort),
                "CHORUS_HTTP_PORT",
                Integer.toString(httpPort),
                "XDG_CONFIG_HOME",
                configHome.toString());
    }

    /** {@link #userEnv} and what {@code docker compose build} needs to build as the images were built. */
    Map<String, String> userEnvWithBuild(java.nio.file.Path configHome) {
        Map<String, String> env = new java.util.HashMap<>(userEnv(configHome));
        env.putAll(Docker.buildEnv());
        return env;
    }

    private static SharedStack start() {
        Docker.requireImages();
        int mqttPort = Docker.freePort();
        int httpPort = Docker.freePort();
        ComposeProject project = new ComposeProject(
                        "chorus-systemtest-" + UUID.randomUUID().toString().substring(0, 6),
                        Docker.repoRoot(),
                        "docker-compose.yml")
                .env("CHORUS_MQTT_PORT", Integer.toString(mqttPort))
                .env("CHORUS_HTTP_PORT", Integer.toString(httpPort))
                .env("COMPOSE_PROFILES", "");
        long start = System.nanoTime();
        Docker.Result up = project.compose(UP, "up", "--detach", "--wait", "--no-build", "--pull", "never");
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (up.exit() != 0) {
            System.out.println(project.compose("ps", "--all").out());
            System.out.println(
                    project.compose("logs", "--no-color", "--tail", "60").out());
            project.close();
        }
        up.check();
        System.out.printf(
                "[stack] %s: docker compose up -d --wait: every service healthy after %d ms (%s)%n",
                project.name, ms, Docker.modules());
        String operator = project.compose("exec", "-T", "broker", "cat", "/run/secrets/mqtt-credentials/operator")
                .check()
                .out()
                .strip();
        return new SharedStack(project, mqttPort, httpPort, Docker.modules(), operator, ms);
    }

    @Override
    public void close() {
        project.close();
    }

    /**
     * The JUnit extension: starts the stack before the first class that uses it (a class without
     * a Docker engine is skipped, or fails with CI=true) and resolves a {@code SharedStack} parameter.
     */
    public static final class Extension implements BeforeAllCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedStack.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            holder(context).get();
        }

        private static Holder holder(ExtensionContext context) {
            return context.getRoot().getStore(NS).getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return holder(context).get();
        }
    }

    /** Starts the stack once; closed with the root store at the end of the run. */
    @SuppressWarnings("deprecation") // CloseableResource: also closed by JUnit versions before 5.13
    private static final class Holder implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        private SharedStack stack;
        private Throwable failure;

        synchronized SharedStack get() {
            if (stack == null && failure == null) {
                try {
                    stack = start();
                } catch (org.opentest4j.TestAbortedException e) {
                    throw e; // no engine and not on CI: every class skips on its own
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw new AssertionError("the shared stack did not start: " + failure.getMessage(), failure);
            }
            return stack;
        }

        @Override
        public synchronized void close() {
            if (stack != null) {
                stack.close();
                stack = null;
            }
        }
    }
}
