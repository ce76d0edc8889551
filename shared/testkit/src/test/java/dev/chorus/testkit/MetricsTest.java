package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Inbox;
import dev.chorus.testkit.example.Ping;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /prometheus on a module's HTTP port, after traffic: the MQTT layer's meters and the JVM's. */
@Timeout(120)
class MetricsTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void theScrapeCountsMessagesErrorsAndHandlerTimesByBoundedTags() throws Exception {
        try (TestMqttClient tester =
                        TestMqttClient.connect(BROKER, "tester").subscribe(Topics.error("example"), "example/pong");
                ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();

            for (int i = 0; i < 3; i++) {
                tester.publishJson(Topics.TTS_SAY, new TtsSay("hello " + i, null, null, "say-" + i, null, null));
            }
            tester.publish(Topics.TTS_SAY, "{not json");
            tester.publish("example/fail", "anything");
            tester.publishJson("example/ping", new Ping("p", 1));
            tester.await("example/pong");
            tester.await(
                    Topics.error("example"),
                    m -> m.json(ChorusError.class).topic().equals("example/fail"));
            Inbox inbox = ctx.getBean(Inbox.class);
            await().until(() -> inbox.of("say").size() == 3);

            // counters of publishes move when the broker acknowledges them: wait for the scrape to show them
            Scrape scrape = await().until(
                            () -> Scrape.of(get(server, "/prometheus")),
                            s -> s.value("chorus_mqtt_messages_out_total", "family", "other")
                                                    .orElse(0)
                                            >= 1
                                    && s.value("chorus_mqtt_messages_out_total", "family", "chorus/error/{module}")
                                                    .orElse(0)
                                            >= 2);

            assertThat(scrape.value("chorus_mqtt_messages_in_total", "family", "hermes/tts/say"))
                    .hasValue(4);
            assertThat(scrape.value("chorus_mqtt_messages_in_total", "family", "other"))
                    .hasValue(2); // example/fail and example/ping
            assertThat(scrape.value("chorus_mqtt_errors_total", "family", "hermes/tts/say", "kind", "decode"))
                    .hasValue(1);
            assertThat(scrape.value("chorus_mqtt_errors_total", "family", "other", "kind", "handler"))
                    .hasValue(1);
            assertThat(scrape.value("chorus_mqtt_messages_out_total", "family", "chorus/status/{module}"))
                    .isPresent();
            // every call of the listener is timed, the one whose payload did not decode too
            assertThat(scrape.value("chorus_mqtt_handler_seconds_count", "listener", "SayListener"))
                    .hasValue(4);
            assertThat(scrape.value("chorus_mqtt_handler_seconds_bucket", "listener", "SayListener", "le", "+Inf"))
                    .hasValue(4);
            assertThat(scrape.value("chorus_mqtt_handler_seconds_count", "listener", "PingListener"))
                    .hasValue(1);
            assertThat(scrape.value("chorus_mqtt_handler_queue", "queue", "SayListener"))
                    .isPresent();
            assertThat(scrape.value("chorus_mqtt_connected")).hasValue(1);
            assertThat(scrape.value("chorus_mqtt_connects_total")).hasValue(1);
            assertThat(scrape.value("chorus_mqtt_outbox")).isPresent();
            assertThat(scrape.value("chorus_mqtt_acks_waiting")).isPresent();
            // no topic with an id in it became a label value
            assertThat(scrape.samples())
                    .filteredOn(s -> s.name().startsWith("chorus_mqtt_"))
                    .allSatisfy(
                            s -> assertThat(s.labels()).doesNotContain("say-").doesNotContain("example/"));
            assertThat(scrape.hasFamily("jvm_memory_used_bytes")).isTrue();
            assertThat(scrape.hasFamily("jvm_gc_")).isTrue();
            assertThat(scrape.hasFamily("jvm_threads_live_threads")).isTrue();
            assertThat(scrape.text())
                    .contains("# HELP chorus_mqtt_messages_in_total messages received, by topic family");
        }
    }

    private static String get(EmbeddedServer server, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
