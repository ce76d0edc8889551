package dev.chorus.gateway;

import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The gateway and a real tts module in one JVM, against the testkit's broker.
 *
 * <p>The tts module is a test dependency, so its beans are on the gateway's class path. The tts context is
 * started with the testkit's {@link ModuleHarness} (the gateway's beans stay out of it: package-info's
 * {@code @Requires}). The gateway context is started from the same environment a {@link ModuleHarness} builds,
 * with a class loader that hides the tts jar's bean index ({@code META-INF/micronaut}) and application.yml,
 * so the gateway context holds what the gateway's container holds.
 */
final class GatewayHarness {

    private GatewayHarness() {
    }

    /** The repo's tts/ folder (surefire sets CHORUS_TTS_CONFIG_DIR to it). */
    static Path ttsConfigDir() {
        String env = System.getenv("CHORUS_TTS_CONFIG_DIR");
        Path dir = env != null ? Path.of(env) : Path.of("../../tts");
        if (!Files.isRegularFile(dir.resolve("voices.yml"))) {
            throw new IllegalStateException("repo tts/ folder not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static ModuleHarness tts(InProcessBroker broker) {
        return ModuleHarness.of("tts", broker)
                .env("CHORUS_TTS_CONFIG_DIR", ttsConfigDir().toString())
                .env("CHORUS_TTS_WORKERS", "1");
    }

    static ModuleHarness gateway(InProcessBroker broker) {
        return ModuleHarness.of("gateway", broker)
                .env(GatewaySettingsLoader.OPERATOR_PASSWORD_FILE, broker.passwordFile("operator").toString())
                .env(GatewaySettingsLoader.PRESETS_FILE, ttsConfigDir().resolve("presets.yml").toString());
    }

    /** Starts the gateway context and its HTTP server (random port), and waits until it is connected. */
    static Running start(ModuleHarness gateway) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.application.name", gateway.module());
        properties.put("chorus.module.version", "test");
        properties.put("micronaut.server.port", -1);
        ApplicationContext ctx = ApplicationContext.builder()
                .classLoader(new HidingClassLoader(GatewayHarness.class.getClassLoader(), ttsLocation()))
                .properties(properties)
                .singletons(new MapEnvSource(gateway.env()))
                .deduceEnvironment(false)
                .start();
        try {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class);
            server.start();
            ChorusMqtt mqtt = ctx.getBean(ChorusMqtt.class);
            await("gateway connected").atMost(TestMqttClient.DEFAULT_WAIT).until(mqtt::isConnected);
            return new Running(ctx, server);
        } catch (RuntimeException | Error e) {
            ctx.close();
            throw e;
        }
    }

    /** A started gateway: its context and base URL. Closing stops both. */
    record Running(ApplicationContext context, EmbeddedServer server) implements AutoCloseable {

        String url() {
            return "http://127.0.0.1:" + server.getPort();
        }

        @Override
        public void close() {
            server.stop();
            context.close();
        }
    }

    private static String ttsLocation() {
        try {
            return dev.chorus.tts.Application.class.getProtectionDomain().getCodeSource().getLocation().toURI()
                    .toURL().toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the tts module's classes", e);
        }
    }

    /** Delegates everything, but resources from {@code hidden} (a jar or classes folder URL) are not found. */
    static final class HidingClassLoader extends ClassLoader {

        private final String hidden;
        private final String hiddenJar;

        HidingClassLoader(ClassLoader parent, String hidden) {
            super(parent);
            this.hidden = hidden;
            this.hiddenJar = "jar:" + hidden + "!";
        }

        private boolean hides(URL url) {
            String s = url.toString();
            return s.startsWith(hidden) || s.startsWith(hiddenJar);
        }

        @Override
        public URL getResource(String name) {
            try {
                Enumeration<URL> all = getResources(name);
                return all.hasMoreElements() ? all.nextElement() : null;
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> kept = new ArrayList<>();
            for (URL url : Collections.list(getParent().getResources(name))) {
                if (!hides(url)) {
                    kept.add(url);
                }
            }
            return Collections.enumeration(kept);
        }

        @Override
        public java.io.InputStream getResourceAsStream(String name) {
            URL url = getResource(name);
            try {
                return url == null ? null : url.openStream();
            } catch (IOException e) {
                return null;
            }
        }
    }
}
