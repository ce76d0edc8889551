package dev.chorus.skills.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.Prerequisite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/intents.md: the three shell commands of "Any MQTT client" run verbatim (bash) against a broker with the
 * repository's ACL. The doc's commands name no port: the mosquitto clients read {@code -p} from their options files
 * in {@code $XDG_CONFIG_HOME}, which the test points at the in-process broker.
 */
@Timeout(120)
class IntentsDocTest {

    private static final Path DOC = Path.of("../../docs/intents.md");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @TempDir
    Path config;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("mosquitto_pub", "mosquitto_sub")) {
            Prerequisite.tool(tool, "apt-get install mosquitto-clients; .ci/test-tools.sh does");
        }
        Prerequisite.tool("jq", "apt-get install jq; .ci/test-tools.sh does");
    }

    @Test
    void theMqttClientHandlerAnswersAnIntent() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> commands = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(doc);
        while (m.find()) {
            commands.add(m.group(1));
        }
        assertThat(commands).as("the shell blocks of docs/intents.md").hasSize(3);
        for (String tool : List.of("mosquitto_sub", "mosquitto_pub")) {
            Files.writeString(config.resolve(tool), "-p " + BROKER.port() + "\n");
        }

        Process handler = bash(commands.get(0));
        Process watch = bash(commands.get(1));
        try {
            // mosquitto_sub gives no "subscribed" signal: publish the intent until the answer arrives
            int sent = 0;
            while (!watch.waitFor(1, TimeUnit.SECONDS) && sent < 30) {
                Process intent = bash(commands.get(2));
                assertThat(intent.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(intent.exitValue())
                        .as(new String(intent.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                        .isZero();
                sent++;
            }
            assertThat(watch.waitFor(30, TimeUnit.SECONDS))
                    .as("the watcher got an endSession")
                    .isTrue();
            assertThat(watch.exitValue()).isZero();
            String answer = new String(watch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(answer).isEqualTo("{\"sessionId\":\"demo-1\",\"text\":\"It is sunny.\"}");
            assertThat(doc).contains("prints `" + answer + "`");
            assertThat(handler.isAlive()).as("the handler keeps answering").isTrue();
        } finally {
            stop(handler);
            stop(watch);
        }
    }

    private Process bash(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command);
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        pb.environment().put("OPERATOR_PASSWORD", BROKER.password("operator"));
        return pb.start();
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
