package dev.chorus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's beans inside a Micronaut context (MQTT switched off or failing before it connects). */
class RuntimeContextTest {

    @TempDir
    Path tmp;

    @Test
    void envSourceCanBeReplacedWithAMap() throws IOException {
        MapEnvSource env = unreachableBroker();
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of(
                        "micronaut.application.name",
                        "example",
                        "chorus.module.version",
                        "9.9",
                        "chorus.mqtt.enabled",
                        "false"))
                .singletons(env)
                .start()) {
            ModuleSettings s = ctx.getBean(ModuleSettings.class);
            assertThat(s.module()).isEqualTo("example");
            assertThat(s.version()).isEqualTo("9.9");
            assertThat(s.mqttUri().toString()).isEqualTo("tcp://localhost:1");
            assertThat(s.dataDir()).isDirectory();
        }
    }

    /** The MQTT runtime on, its broker out of reach: it keeps trying in the background. */
    @Test
    void metricsAreOnByDefaultAndTheMqttLayerStandsWithoutThem() throws IOException {
        MapEnvSource env = unreachableBroker();
        Map<String, Object> props = Map.of("micronaut.application.name", "example");
        try (ApplicationContext ctx =
                ApplicationContext.builder().properties(props).singletons(env).start()) {
            assertThat(ctx.getProperty("endpoints.prometheus.sensitive", Boolean.class))
                    .hasValue(false);
            assertThat(ctx.containsBean(MeterRegistry.class)).isTrue();
            // bound at start-up (MqttStarter), before any scrape builds the registry
            assertThat(ctx.getBean(MeterRegistry.class)
                            .find("chorus.mqtt.connected")
                            .gauge())
                    .isNotNull();
        }
        Map<String, Object> off = new java.util.HashMap<>(props);
        off.put("micronaut.metrics.enabled", false);
        try (ApplicationContext ctx =
                ApplicationContext.builder().properties(off).singletons(env).start()) {
            assertThat(ctx.containsBean(MeterRegistry.class)).isFalse();
            assertThat(ctx.getBean(ChorusMqtt.class).isConnected()).isFalse();
        }
    }

    /**
     * Micronaut closes the beans that use the connection before it, metrics on: a bean that publishes from its
     * @PreDestroy (the audio Player answers what it holds) still gets its message queued, not "MQTT connection
     * closed". ChorusMqtt once took the MeterRegistry, and Micronaut's registry beans depend on each other in a
     * cycle, which cost ChorusMqtt its place in that order.
     */
    @Test
    void theConnectionClosesAfterTheBeansThatPublishFromTheirPreDestroy() throws IOException {
        PublishesOnClose bean;
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("micronaut.application.name", "example", PublishesOnClose.ENABLED, "true"))
                .singletons(unreachableBroker())
                .start()) {
            bean = ctx.getBean(PublishesOnClose.class);
            assertThat(ctx.getBean(MeterRegistry.class)
                            .find("chorus.mqtt.outbox")
                            .gauge())
                    .isNotNull();
        }
        assertThat(bean.refused)
                .as("the publish from @PreDestroy, refused if the connection closed first")
                .isEqualTo("");
    }

    private MapEnvSource unreachableBroker() throws IOException {
        Path pw = Files.writeString(tmp.resolve("pw"), "x");
        return new MapEnvSource(Map.of(
                EnvVars.MQTT_PASSWORD_FILE,
                pw.toString(),
                EnvVars.DATA_DIR,
                tmp.resolve("d").toString(),
                EnvVars.MQTT_URI,
                "tcp://localhost:1"));
    }

    @Singleton
    @Requires(property = PublishesOnClose.ENABLED, value = "true")
    static class PublishesOnClose {

        static final String ENABLED = "test.publishes-on-close";

        private final ChorusMqtt mqtt;
        /** Why the publish failed at once; empty if it was queued (it fails later, when the connection closes). */
        volatile String refused;

        PublishesOnClose(ChorusMqtt mqtt) {
            this.mqtt = mqtt;
        }

        @PreDestroy
        void close() {
            CompletableFuture<Void> sent = mqtt.publish("example/bye", new byte[0]);
            refused = sent.isCompletedExceptionally()
                    ? sent.handle((ok, e) -> e.toString()).join()
                    : "";
        }
    }

    @Test
    void micronautsMapperFollowsTheStackRules() throws DecodeException {
        try (ApplicationContext ctx = ApplicationContext.builder()
                .properties(Map.of("micronaut.application.name", "example", "chorus.mqtt.enabled", "false"))
                .start()) {
            JsonCodec codec = ctx.getBean(JsonCodec.class);
            assertThat(codec.mapper()).isSameAs(ctx.getBean(ObjectMapper.class));
            assertThatThrownBy(() -> codec.decode("{\"text\": 5}", TtsSay.class))
                    .isInstanceOf(DecodeException.class);
            assertThatThrownBy(() -> codec.decode("{\"text\": [\"a\"]}", TtsSay.class))
                    .isInstanceOf(DecodeException.class);
            assertThatThrownBy(() -> codec.decode(
                            "{\"input\": \"a\", \"intentFilter\": \"x\"}", dev.chorus.protocol.messages.NluQuery.class))
                    .isInstanceOf(DecodeException.class);
            // Micronaut's default inclusion is NON_EMPTY; messages must still write null and []
            assertThat(codec.encodeToString(
                            new NluIntentParsed("a", new Intent("X", 1.0), null, null, List.of(), null)))
                    .isEqualTo("{\"input\": \"a\", \"intent\": {\"intentName\": \"X\", \"confidenceScore\": 1.0},"
                            + " \"siteId\": \"default\", \"id\": null, \"slots\": [], \"sessionId\": null}");
            assertThat(codec.decode("{\"text\": \"hi\", \"unknown\": 1}", TtsSay.class)
                            .text())
                    .isEqualTo("hi");
        }
    }

    @Test
    void badConfigurationFailsStartWithOneLineNamingTheVariable() throws IOException {
        Path pw = Files.writeString(tmp.resolve("pw"), "x");
        MapEnvSource env = new MapEnvSource(Map.of(
                EnvVars.MQTT_PASSWORD_FILE,
                pw.toString(),
                EnvVars.DATA_DIR,
                tmp.resolve("d").toString(),
                EnvVars.MQTT_URI,
                "xyz"));
        assertThatThrownBy(() -> ApplicationContext.builder()
                        .properties(Map.of("micronaut.application.name", "example"))
                        .singletons(env)
                        .start())
                .satisfies(e -> {
                    ConfigException config = ChorusApplication.configCause(e);
                    assertThat(config).isNotNull();
                    assertThat(config.getMessage()).isEqualTo("CHORUS_MQTT_URI: \"xyz\" is not a ssl:// or tcp:// URI");
                });
    }
}
