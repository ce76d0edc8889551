package dev.chorus.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.runtime.ChorusApplication;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker, tts, audio and gateway in this JVM, as {@code java -jar chorus-embedded.jar} starts them: something
 * said over MQTT ends up as a WAV file in the audio module's folder sink, and the gateway answers /health.
 */
class EmbeddedStackTest {

    @TempDir
    Path data;

    @Test
    void saysOverMqttIntoTheAudioFolderAndTheGatewayIsHealthy() throws Exception {
        int httpPort = freePort();
        Map<String, String> env = Map.of(
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_EMBEDDED_MODULES",
                "tts,audio,gateway",
                "CHORUS_BROKER_MQTT_PORT",
                "0",
                "CHORUS_GATEWAY_PORT",
                Integer.toString(httpPort),
                "CHORUS_TTS_CONFIG_DIR",
                Repo.root().resolve("tts").toString(),
                "CHORUS_MQTT_RECONNECT_MAX_DELAY",
                "2");
        try (EmbeddedStack stack = EmbeddedStack.start(env)) {
            assertThat(stack.contexts()).containsOnlyKeys("tts", "audio", "gateway");
            String operatorPassword =
                    Files.readString(data.resolve("credentials/operator")).strip();
            try (TestMqttClient operator = TestMqttClient.connect(stack.mqttUri(), "operator", operatorPassword)
                    .subscribe(Topics.TTS_SAY_FINISHED, "chorus/status/+")) {
                for (String module : List.of("tts", "audio", "gateway")) {
                    operator.await("chorus/status/" + module, m -> m.text().contains("online"));
                }
                operator.publishJson(
                        Topics.TTS_SAY, new TtsSay("Hello from one process.", "kitchen", null, "e1", null, null));
                TtsSayFinished done = operator.await(Topics.TTS_SAY_FINISHED).json(TtsSayFinished.class);
                assertThat(done.id()).isEqualTo("e1");
            }
            Path played = data.resolve("audio/played");
            await("a WAV in " + played)
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> wavs(played).size() == 1);
            Wav.Audio audio = Wav.parse(Files.readAllBytes(wavs(played).get(0)));
            assertThat(audio.samples().length).isGreaterThan(16_000);

            HttpResponse<String> health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
        }
        // each module in its own folder of the one data folder, as the compose volumes are laid out
        assertThat(data.resolve("tts")).isDirectory();
        assertThat(data.resolve("gateway/session.key")).isRegularFile();
        assertThat(data.resolve("broker")).isDirectory();
    }

    @Test
    void eachContextHasOnlyItsOwnModulesBeans() {
        Map<String, String> env = Map.of(
                "CHORUS_DATA_DIR", data.toString(),
                "CHORUS_EMBEDDED_MODULES", "audio,skills",
                "CHORUS_BROKER_MQTT_PORT", "0");
        try (EmbeddedStack stack = EmbeddedStack.start(env)) {
            assertThat(beanPackages(stack.contexts().get("audio")))
                    .contains("dev.chorus.audio")
                    .noneMatch(p -> p.startsWith("dev.chorus.skills"));
            assertThat(beanPackages(stack.contexts().get("skills")))
                    .contains("dev.chorus.skills")
                    .noneMatch(p -> p.startsWith("dev.chorus.audio"));
            assertThat(stack.contexts()
                            .get("skills")
                            .getEnvironment()
                            .getProperty("micronaut.application.name", String.class))
                    .contains("skills");
        }
    }

    @Test
    void aConfigurationErrorNamesTheModuleAndTheVariableAndStopsTheBroker() throws IOException {
        int mqttPort = freePort();
        Map<String, String> env = Map.of(
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_EMBEDDED_MODULES",
                "audio",
                "CHORUS_BROKER_MQTT_PORT",
                Integer.toString(mqttPort),
                "CHORUS_AUDIO_KEEP_FILES",
                "0");
        assertThatThrownBy(() -> EmbeddedStack.start(env).close())
                .isInstanceOfSatisfying(EmbeddedStack.ModuleStartException.class, e -> {
                    assertThat(e.module()).isEqualTo("audio");
                    assertThat(ChorusApplication.configCause(e))
                            .isNotNull()
                            .hasMessageStartingWith("CHORUS_AUDIO_KEEP_FILES: ");
                });
        // the broker went down with the failed start: its port is free again
        try (ServerSocket again = new ServerSocket(mqttPort)) {
            assertThat(again.getLocalPort()).isEqualTo(mqttPort);
        }
    }

    private static List<String> beanPackages(ApplicationContext ctx) {
        return ctx.getAllBeanDefinitions().stream()
                .map(d -> d.getBeanType().getPackageName())
                .distinct()
                .toList();
    }

    private static List<Path> wavs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".wav")).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
