package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.runtime.mqtt.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

    private final List<Map.Entry<String, Object>> published = new ArrayList<>();
    private final ErrorReporter reporter = new ErrorReporter(
            "tts",
            (t, m) -> published.add(Map.entry(t, m)),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final JsonCodec codec = JsonCodec.standalone();

    @Test
    void hermesTopicGetsBothReports() {
        byte[] payload = "{\"text\": 5, \"siteId\": \"kitchen\", \"id\": \"say-1\", \"sessionId\": \"s1\"}"
                .getBytes(StandardCharsets.UTF_8);
        reporter.report(InboundMessage.of(Topics.TTS_SAY, payload), "text: wrong type", tree(payload));
        assertThat(published)
                .containsExactly(
                        Map.entry(
                                "chorus/error/tts",
                                new ChorusError(
                                        "hermes/tts/say",
                                        "text: wrong type",
                                        new String(payload, StandardCharsets.UTF_8),
                                        "2026-01-01T00:00:00Z")),
                        Map.entry("hermes/error/tts", new HermesError("text: wrong type", "kitchen", "say-1", "s1")));
    }

    @Test
    void siteAndContextFromTheTopicWhenThePayloadIsNotJson() {
        byte[] payload = {1, 2, 3};
        reporter.report(InboundMessage.of(Topics.playBytes("hall", "req-7"), payload), "bad WAV", Optional.empty());
        assertThat(published.get(1))
                .isEqualTo(
                        Map.entry("hermes/error/audioServer/play", new HermesError("bad WAV", "hall", "req-7", null)));
    }

    @Test
    void defaultSiteAndNluContextIsTheInput() {
        byte[] payload = "{\"input\": \"turn on\", \"siteId\": 3}".getBytes(StandardCharsets.UTF_8);
        reporter.report(InboundMessage.of(Topics.NLU_QUERY, payload), "siteId: wrong type", tree(payload));
        assertThat(published.get(1).getValue())
                .isEqualTo(new HermesError("siteId: wrong type", "default", "turn on", null));
    }

    @Test
    void nonHermesTopicOnlyChorusError() {
        reporter.report(InboundMessage.of("example/ping", new byte[] {'x'}), "not JSON", Optional.empty());
        assertThat(published).extracting(Map.Entry::getKey).containsExactly("chorus/error/tts");
    }

    @Test
    void failuresOnErrorTopicsAreOnlyLogged() {
        reporter.report(InboundMessage.of("chorus/error/nlu", new byte[] {'x'}), "boom", Optional.empty());
        reporter.report(InboundMessage.of("hermes/error/tts", new byte[] {'x'}), "boom", Optional.empty());
        assertThat(published).isEmpty();
    }

    private Optional<ObjectNode> tree(byte[] payload) {
        return codec.tryParseObject(payload);
    }
}
