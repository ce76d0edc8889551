package dev.chorus.gateway;

import static org.awaitility.Awaitility.await;

import dev.chorus.runtime.mqtt.ChorusMqtt;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * The gateway against the testkit's broker, configured as its container is (environment only). The other modules
 * are fakes on the same broker ({@link FakeTts}, {@link FakeAudioServer}): the gateway's test class path holds the
 * gateway and the shared libraries, nothing of another module.
 */
final class GatewayHarness {

    private GatewayHarness() {}

    static ModuleHarness gateway(InProcessBroker broker) {
        return ModuleHarness.of("gateway", broker)
                .env(
                        GatewaySettingsLoader.OPERATOR_PASSWORD_FILE,
                        broker.passwordFile("operator").toString());
    }

    /** The operator's API token (what GET /api/token gives a logged-in operator). */
    static String token(InProcessBroker broker) {
        return java.util.HexFormat.of()
                .formatHex(OperatorAuth.hmac(
                        broker.password("operator").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        "chorus-gateway-api-token-v1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Starts the gateway context and its HTTP server (random port), and waits until it is connected. */
    static Running start(ModuleHarness gateway) {
        ApplicationContext ctx = gateway.start();
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
}
