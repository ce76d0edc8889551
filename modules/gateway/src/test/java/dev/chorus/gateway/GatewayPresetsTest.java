package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TestMqttClient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The presets come from the tts module's retained {@code chorus/tts/presets}, never from its files: unknown (and
 * passed through for the tts module to judge) until announced, then checked, following every new announcement,
 * unknown again when cleared; a gateway that starts later gets them from the broker at once.
 */
@Timeout(120)
class GatewayPresetsTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    static String token() {
        return HexFormat.of()
                .formatHex(OperatorAuth.hmac(
                        BROKER.password("operator").getBytes(StandardCharsets.UTF_8),
                        "chorus-gateway-api-token-v1".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void presetsAreUnknownUntilTheTtsModuleAnnouncesThemAndThenFollowItsAnnouncements() throws Exception {
        try (GatewayHarness.Running gateway = GatewayHarness.start(GatewayHarness.gateway(BROKER));
                TestMqttClient operator =
                        TestMqttClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY, Topics.error("gateway"))) {
            Http api = new Http(gateway.url()).token(token());

            // no tts module has announced anything: unknown, and a say's preset goes through unchecked
            JsonNode unknown = api.get("/api/presets").json();
            assertThat(unknown.get("known").asBoolean()).isFalse();
            assertThat(unknown.get("presets")).isEmpty();
            assertThat(unknown.get("defaultPreset").isNull()).isTrue();
            Http.Response passed = api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"anything\"}");
            assertThat(passed.status()).as(passed.toString()).isEqualTo(202);
            assertThat(Http.JSON
                            .readTree(operator.await(Topics.TTS_SAY).payload())
                            .get("preset")
                            .asText())
                    .isEqualTo("anything");

            try (FakeTts tts = FakeTts.start(BROKER)) {
                await().until(() -> known(api), List.of("default", "slow", "fast", "robot")::equals);
                GatewayApiTest.assertProblem(
                        api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"anything\"}"),
                        422,
                        "unknown preset \"anything\"");
                assertThat(api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"slow\"}")
                                .status())
                        .isEqualTo(202);

                // a gateway that starts now finds them retained at the broker
                try (GatewayHarness.Running second = GatewayHarness.start(
                        GatewayHarness.gateway(BROKER).env(EnvVars.MQTT_CLIENT_ID, "gateway-second"))) {
                    Http api2 = new Http(second.url()).token(token());
                    await().until(() -> known(api2), List.of("default", "slow", "fast", "robot")::equals);
                }

                // a new announcement (another tts build, edited presets.yml) replaces the old one
                tts.announce(new TtsPresets(List.of(new TtsPresets.Preset("calm", "slow and low")), "calm"));
                await().until(() -> known(api), List.of("calm")::equals);
                assertThat(api.get("/api/presets").json().get("defaultPreset").asText())
                        .isEqualTo("calm");
                GatewayApiTest.assertProblem(
                        api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"slow\"}"), 422, "known: [calm]");

                // something that is not a TtsPresets: reported, and unknown (the tts module judges again)
                tts.announceRaw("{\"presets\": \"all of them\"}".getBytes(StandardCharsets.UTF_8));
                await().until(() -> !api.get("/api/presets").json().get("known").asBoolean());
                ChorusError report = operator.await(
                                Topics.error("gateway"),
                                m -> m.json(ChorusError.class).topic().equals(Topics.TTS_PRESETS))
                        .json(ChorusError.class);
                assertThat(report.error()).contains("presets");
                tts.announce(FakeTts.PRESETS);
                await().until(() -> api.get("/api/presets").json().get("known").asBoolean());

                // cleared (an empty retained payload): unknown again, presets pass through
                tts.announceRaw(new byte[0]);
                await().until(() -> !api.get("/api/presets").json().get("known").asBoolean());
                assertThat(api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"anything\"}")
                                .status())
                        .isEqualTo(202);
            }
        }
    }

    private static List<String> known(Http api) {
        JsonNode presets = api.get("/api/presets").json();
        if (!presets.get("known").asBoolean()) {
            return List.of();
        }
        return StreamSupport.stream(presets.get("presets").spliterator(), false)
                .map(p -> p.get("name").asText())
                .toList();
    }
}
