package dev.chorus.audio;

import dev.chorus.cli.Cli;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cli's {@code wait} and {@code status} against the real audio module's retained status and MQTT will.
 * Here rather than in the cli's tests, so that the cli (no Micronaut) does not depend on a module.
 */
@Timeout(120)
class CliSeesAudioStatusTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static String[] run(final String... args) {
        final Map<String, String> env = Map.of("CHORUS_MQTT_URI", BROKER.uri(),
                "CHORUS_MQTT_PASSWORD_FILE", BROKER.passwordFile("cli").toString());
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(env::get, new PrintWriter(out, true), new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void waitAndStatusSeeTheAudioModuleComeAndGo(@TempDir final Path data) {
        final ApplicationContext audio = ModuleHarness.of("audio", BROKER).env(EnvVars.DATA_DIR, data.toString()).start();
        try {
            final String[] waited = run("wait", "audio", "--timeout", "60");
            assertThat(waited[0]).as(String.join("|", waited)).isEqualTo("0");
            final String[] status = run("status");
            assertThat(status[1].lines()).anySatisfy(l -> assertThat(l).startsWith("audio ").contains("online"));
        } finally {
            audio.close();
        }
        await().untilAsserted(() -> assertThat(run("status")[1].lines())
                .anySatisfy(l -> assertThat(l).startsWith("audio ").contains("offline")));
        assertThat(run("wait", "audio", "--timeout", "1")[0]).isEqualTo("1");
    }
}
