package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TcpProxy;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the broker gone, every endpoint that needs it answers 503 (a problem), and /health says DOWN. */
@Timeout(120)
class GatewayOfflineTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @Test
    void brokerUnreachableIs503() throws Exception {
        String token = HexFormat.of()
                .formatHex(OperatorAuth.hmac(
                        BROKER.password("operator").getBytes(StandardCharsets.UTF_8),
                        "chorus-gateway-api-token-v1".getBytes(StandardCharsets.UTF_8)));
        try (TcpProxy proxy = TcpProxy.to(BROKER);
                GatewayHarness.Running gateway =
                        GatewayHarness.start(GatewayHarness.gateway(BROKER).mqttUri(proxy.uri()))) {
            Http api = new Http(gateway.url()).token(token);
            assertThat(api.get("/api/modules").status()).isEqualTo(200);
            proxy.refuse(true);
            proxy.cut();
            await().until(() -> api.get("/api/modules").status() == 503);
            GatewayApiTest.assertProblem(api.get("/api/modules"), 503, "not connected to the MQTT broker");
            GatewayApiTest.assertProblem(api.postJson("/api/say", "{\"text\":\"hello\"}"), 503, "broker");
            GatewayApiTest.assertProblem(
                    api.postJson("/api/publish", "{\"topic\":\"hermes/audioServer/toggleOn\"}"), 503, "broker");
            GatewayApiTest.assertProblem(api.get("/api/voices"), 503, "broker");
            GatewayApiTest.assertProblem(api.get("/api/events"), 503, "broker");
            assertThat(new Http(gateway.url()).get("/health").status()).isEqualTo(503);
            // what does not need the broker still works
            assertThat(api.get("/api/presets").status()).isEqualTo(200);
            GatewayApiTest.assertProblem(api.postJson("/api/say", "{\"text\":\"\"}"), 422, "text");
        }
    }
}
