package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.example.ExampleModule;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** chorus/status/<module>: online on connect, offline by the will when the connection dies, offline on clean stop. */
@Timeout(120)
class ModuleStatusTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void onlineThenWillOnCrashThenOnlineAgainThenOfflineOnCleanStop() throws Exception {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester").subscribe(Topics.status("example"));
                TcpProxy link = TcpProxy.to(BROKER)) {
            ApplicationContext ctx = ExampleModule.harness(BROKER)
                    .mqttUri(link.uri())
                    .property("endpoints.health.details-visible", "ANONYMOUS")
                    .start();
            try {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
                ModuleStatus online = awaitState(tester, 1, ModuleStatus.ONLINE);
                assertThat(online.module()).isEqualTo("example");
                assertThat(online.instance()).isEqualTo("test");
                assertThat(online.version()).isEqualTo("test");
                assertThat(health(server)).contains("\"mqtt\"").contains("\"UP\"");

                link.refuse(true);
                link.cut(); // no DISCONNECT: the broker publishes the will
                ModuleStatus will = awaitState(tester, 2, ModuleStatus.OFFLINE);
                // the will is written when connecting: its "since" is that moment, not the crash
                assertThat(Instant.parse(will.since())).isBeforeOrEqualTo(Instant.parse(online.since()));
                await().until(() -> !ctx.getBean(ChorusMqtt.class).isConnected());
                assertThat(health(server)).contains("\"DOWN\"").contains("lastError");

                link.refuse(false);
                awaitState(tester, 3, ModuleStatus.ONLINE);
                await().until(() -> health(server).contains("\"UP\""));
            } finally {
                ctx.close();
            }
            ModuleStatus offline = awaitState(tester, 4, ModuleStatus.OFFLINE);
            assertThat(offline.since()).isNotEqualTo(states(tester).get(2).since());
        }
    }

    @Test
    void startsWithoutBrokerAndConnectsWhenItAppears() {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester").subscribe(Topics.status("example"));
                TcpProxy link = TcpProxy.to(BROKER)) {
            tester.clear();
            link.refuse(true);
            try (ApplicationContext ctx =
                    ExampleModule.harness(BROKER).mqttUri(link.uri()).start()) {
                ChorusMqtt mqtt = ctx.getBean(ChorusMqtt.class);
                assertThat(mqtt.isConnected()).isFalse();
                await().until(() -> mqtt.status().lastError() != null);
                link.refuse(false);
                await().until(mqtt::isConnected);
                tester.await(
                        Topics.status("example"),
                        m -> m.json(ModuleStatus.class).online());
            }
        }
    }

    private static ModuleStatus awaitState(TestMqttClient tester, int count, String state) {
        List<ModuleStatus> states = await().until(() -> states(tester), s -> s.size() >= count);
        assertThat(states.get(count - 1).state())
                .as("status #%d of %s", count, states)
                .isEqualTo(state);
        return states.get(count - 1);
    }

    /** Retained copies delivered on subscribe are skipped (they may be left by an earlier test). */
    private static List<ModuleStatus> states(TestMqttClient tester) {
        return tester.received(Topics.status("example")).stream()
                .filter(m -> !m.retained())
                .map(m -> m.json(ModuleStatus.class))
                .toList();
    }

    private static String health(EmbeddedServer server) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
