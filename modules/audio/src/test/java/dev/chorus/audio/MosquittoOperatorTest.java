package dev.chorus.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.Prerequisite;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real third-party Hermes client, Debian's mosquitto_pub/mosquitto_sub, logs in as operator and
 * exchanges messages with a real module: a WAV in, playFinished out. No {@code -i}, as a README
 * prints the commands: the broker assigns the client ids.
 */
@Timeout(120)
class MosquittoOperatorTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @TempDir
    Path data;

    @BeforeAll
    static void mosquittoClientsInstalled() {
        for (String tool : List.of("mosquitto_pub", "mosquitto_sub")) {
            Prerequisite.tool(tool, "apt-get install mosquitto-clients; .ci/test-tools.sh does");
        }
    }

    @Test
    void operatorSendsAudioAndReceivesPlayFinished() throws Exception {
        Path wav = Files.write(data.resolve("tone.wav"), TestWavs.tone(300));
        try (ApplicationContext ignored = ModuleHarness.of("audio", BROKER)
                .env(EnvVars.DATA_DIR, data.toString())
                .startConnected()) {
            Process sub = mosquitto("mosquitto_sub", "-t", Topics.playFinished("hall"), "-C", "1", "-W", "60");
            // mosquitto_sub gives no "subscribed" signal: send until the answer arrives (each send is a new request).
            int sent = 0;
            while (!sub.waitFor(1, TimeUnit.SECONDS) && sent < 30) {
                Process pub = mosquitto(
                        "mosquitto_pub",
                        "-t",
                        Topics.playBytes("hall", "mosq-" + sent),
                        "-q",
                        "1",
                        "-f",
                        wav.toString());
                assertThat(pub.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(pub.exitValue())
                        .as(new String(pub.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isZero();
                sent++;
            }
            assertThat(sub.waitFor(60, TimeUnit.SECONDS))
                    .as("mosquitto_sub got a playFinished")
                    .isTrue();
            assertThat(sub.exitValue()).isZero();
            String finished = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(finished).matches("\\{\"id\": \"mosq-\\d+\", \"sessionId\": \"mosq-\\d+\"\\}");
        }
    }

    private static Process mosquitto(String command, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(
                command,
                "-V",
                "mqttv5",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(BROKER.port()),
                "-u",
                "operator",
                "-P",
                BROKER.password("operator")));
        line.addAll(List.of(args));
        return new ProcessBuilder(line).start();
    }
}
