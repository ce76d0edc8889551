package dev.chorus.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.env.ConfigException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /prometheus on the metrics port: HiveMQ's own metrics, bridged, and the JVM's. */
class BrokerMetricsTest {

    @TempDir
    Path dir;

    @Test
    void theScrapeShowsConnectionsMessagesAndTheJvm() throws Exception {
        try (TestBroker broker = new TestBroker(dir, List.of())) {
            broker.settings = broker.settings.toBuilder().metricsPort(0).build();
            broker.start();
            final int port = broker.settings.metricsPort();
            assertThat(port).isPositive();

            final MqttAsyncClient client = broker.connect("operator", "metrics-test", true);
            try {
                for (int i = 0; i < 5; i++) {
                    client.publish("chorus/test/metrics", ("m" + i).getBytes(StandardCharsets.UTF_8), 1, false)
                            .waitForCompletion(10_000);
                }
                // HiveMQ updates some of its figures on its own threads: wait until the scrape shows them
                final String scrape = await().until(
                                () -> get(port, "/prometheus"),
                                text -> value(text, "com_hivemq_networking_connections_current") >= 1
                                        && value(text, "com_hivemq_messages_incoming_publish_count") >= 5);
                assertThat(scrape).contains("jvm_memory_used_bytes{");
                assertThat(scrape).contains("jvm_gc_");
                assertThat(scrape).contains("jvm_threads_live_threads");
                assertThat(scrape).contains("com_hivemq_sessions_overall_current");
                assertThat(scrape)
                        .contains(
                                "# HELP com_hivemq_networking_connections_current HiveMQ: com.hivemq.networking.connections.current");
            } finally {
                client.disconnect().waitForCompletion(10_000);
                client.close();
            }
            assertThat(status(port, "/other")).isEqualTo(404);
        }
    }

    @Test
    void thePortComesFromTheEnvironment() {
        assertThat(BrokerSettings.fromEnv(Map.of()).metricsPort()).isEqualTo(BrokerSettings.DEFAULT_METRICS_PORT);
        assertThat(BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_METRICS_PORT", "9100"))
                        .metricsPort())
                .isEqualTo(9100);
        assertThatThrownBy(() -> BrokerSettings.fromEnv(Map.of("CHORUS_BROKER_METRICS_PORT", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_BROKER_METRICS_PORT");
        assertThat(new TestBroker(dir, List.of()).settings.metricsPort())
                .as("tests and embedders: none")
                .isEqualTo(-1);
    }

    /** The value of the first sample of {@code name} (any labels), or -1 when there is none. */
    private static double value(final String scrape, final String name) {
        final Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? (\\S+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static String get(final int port, final String path) throws Exception {
        final HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static int status(final int port, final String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
