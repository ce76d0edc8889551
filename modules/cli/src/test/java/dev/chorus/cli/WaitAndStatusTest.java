package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.env.EnvVars;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TcpProxy;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wait} and {@code status} against a module's real retained status and MQTT will: a stand-in "audio"
 * module made of the shared runtime alone (the runtime is what publishes status and will for every module). The
 * cli depends on no other module; the real cli against the real modules is the container system tests' job.
 */
@Timeout(120)
class WaitAndStatusTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static String[] run(final String... args) {
        final Map<String, String> env = Map.of(
                "CHORUS_MQTT_URI",
                BROKER.uri(),
                "CHORUS_MQTT_PASSWORD_FILE",
                BROKER.passwordFile("cli").toString());
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(
                env::get,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]),
                args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** The shared runtime logged in as principal audio, with no audio beans: its status is the runtime's. */
    private static ModuleHarness audio(final Path data) {
        return ModuleHarness.of("audio", BROKER).env(EnvVars.DATA_DIR, data.toString());
    }

    private static void awaitAudio(final String state) {
        await().untilAsserted(() -> assertThat(run("status")[1].lines())
                .anySatisfy(l -> assertThat(l).startsWith("audio ").contains(state)));
    }

    @Test
    void waitAndStatusSeeAModuleComeAndGo(@TempDir final Path data) {
        final ApplicationContext audio = audio(data).start();
        try {
            final String[] waited = run("wait", "audio", "--timeout", "60");
            assertThat(waited[0]).as(String.join("|", waited)).isEqualTo("0");
            final String[] status = run("status");
            assertThat(status[1].lines())
                    .anySatisfy(l -> assertThat(l).startsWith("audio ").contains("online"));
        } finally {
            audio.close();
        }
        awaitAudio("offline");
        assertThat(run("wait", "audio", "--timeout", "1")[0]).isEqualTo("1");
    }

    @Test
    void aModuleWhoseConnectionDiesIsOfflineThroughItsWill(@TempDir final Path data) {
        try (TcpProxy link = TcpProxy.to(BROKER);
                ApplicationContext audio = audio(data).mqttUri(link.uri()).startConnected()) {
            awaitAudio("online");
            link.refuse(true);
            link.cut(); // no DISCONNECT: the broker publishes the module's will
            awaitAudio("offline");
            assertThat(run("wait", "audio", "--timeout", "1")[0]).isEqualTo("1");
            link.refuse(false);
            assertThat(run("wait", "audio", "--timeout", "60")[0])
                    .as("back after its reconnect")
                    .isEqualTo("0");
        }
    }
}
