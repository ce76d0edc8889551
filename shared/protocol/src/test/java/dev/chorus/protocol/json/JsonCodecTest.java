package dev.chorus.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.protocol.messages.TtsSay;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonCodecTest {

    private final JsonCodec codec = JsonCodec.standalone();

    @Test
    void everyFieldIsWrittenInDeclarationOrderNullIncluded() {
        assertThat(codec.encodeToString(new TtsSay("hi", null, null, null, null, null)))
                .isEqualTo(
                        "{\"text\": \"hi\", \"siteId\": \"default\", \"lang\": null, \"id\": null, \"sessionId\": null, \"volume\": null}");
    }

    @Test
    void nonAsciiIsWrittenRaw() {
        assertThat(codec.encodeToString(new TtsSay("Grüße, 你好", "küche", null, null, null, 0.5)))
                .startsWith("{\"text\": \"Grüße, 你好\", \"siteId\": \"küche\"")
                .endsWith("\"volume\": 0.5}");
    }

    @Test
    void unknownKeysAreIgnored() throws DecodeException {
        assertThat(codec.decode("{\"text\": \"hi\", \"voice\": \"x\", \"extra\": {\"a\": [1]}}", TtsSay.class)
                        .text())
                .isEqualTo("hi");
    }

    @Test
    void anEmptyStringIsAString() throws DecodeException {
        assertThat(codec.decode("{\"text\": \"\", \"sessionId\": \"\"}", TtsSay.class)
                        .sessionId())
                .isEmpty();
    }

    @Test
    void anIntegerIsAcceptedForAFloat() throws DecodeException {
        assertThat(codec.decode("{\"text\": \"a\", \"volume\": 1}", TtsSay.class)
                        .volume())
                .isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"siteId\": \"x\"} | missing required key \"text\"",
                "{\"text\": null} | missing required key \"text\"",
                "{\"text\": 5} | text:",
                "{\"text\": 5.5} | text:",
                "{\"text\": true} | text:",
                "{\"text\": [\"a\"]} | text:",
                "{\"text\": {\"a\": 1}} | text:",
                "{\"text\": \"a\", \"siteId\": true} | siteId:",
                "{\"text\": \"a\", \"siteId\": 7} | siteId:",
                "{\"text\": \"a\", \"volume\": \"0.5\"} | volume:",
                "{\"text\": \"a\", \"volume\": true} | volume:",
                "{\"text\": \"a\", \"volume\": \"\"} | volume:",
            })
    void wrongTypesAndMissingKeysAreErrors(String json, String message) {
        assertThatThrownBy(() -> codec.decode(json, TtsSay.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((DecodeException) e).tree()).isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"input\": \"a\", \"intentFilter\": \"GetTime\"} | intentFilter:",
                "{\"input\": \"a\", \"intentFilter\": [1]} | intentFilter",
                "{\"input\": \"a\", \"asrConfidence\": false} | asrConfidence:",
                "{\"input\": \"a\", \"customEntities\": \"x\"} | customEntities:",
            })
    void noCoercionIntoCollections(String json, String message) {
        assertThatThrownBy(() -> codec.decode(json, NluQuery.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining(message);
    }

    @Test
    void floatIsNotAnInteger() {
        String json = "{\"input\": \"a\", \"intent\": {\"intentName\": \"X\", \"confidenceScore\": 1},"
                + " \"slots\": [{\"entity\": \"e\", \"value\": {\"value\": 1}, \"range\": {\"start\": 1.5, \"end\": 2}}]}";
        assertThatThrownBy(() -> codec.decode(json, NluIntent.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("slots[0].range.start");
    }

    @Test
    void nestedMissingKeyNamesThePath() {
        assertThatThrownBy(
                        () -> codec.decode("{\"input\": \"a\", \"intent\": {\"intentName\": \"X\"}}", NluIntent.class))
                .hasMessage("intent: missing required key \"confidenceScore\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[1, 2] | not a JSON object: array",
                "5 | not a JSON object: number",
                "\"text\" | not a JSON object: string",
                "null | not a JSON object: null",
                "{\"text\": | not JSON",
                "{\"text\": \"a\"} {} | not JSON",
                "{\"text\": \"a\", \"text\": \"b\"} | not JSON",
                "{'text': 'a'} | not JSON",
            })
    void notAnObject(String payload, String message) {
        assertThatThrownBy(() -> codec.decode(payload, TtsSay.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(((DecodeException) e).tree()).isEmpty());
    }

    @Test
    void emptyPayloadIsNotJson() {
        assertThatThrownBy(() -> codec.decode(new byte[0], TtsSay.class)).hasMessage("not JSON: empty payload");
    }

    @Test
    void invalidUtf8IsNotJson() {
        byte[] payload = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> codec.decode(payload, TtsSay.class)).hasMessageStartingWith("not JSON");
    }

    @Test
    void sessionInitNeedsAType() {
        assertThatThrownBy(() -> codec.decode("{\"init\": {\"text\": \"hi\"}}", StartSession.class))
                .hasMessageContaining("missing required key \"type\"");
        assertThatThrownBy(() ->
                        codec.decode("{\"init\": {\"type\": \"song\", \"canBeEnqueued\": true}}", StartSession.class))
                .hasMessageContaining("type must be");
        assertThatThrownBy(() -> codec.decode("{\"init\": {\"type\": \"action\"}}", StartSession.class))
                .hasMessageContaining("missing required key \"canBeEnqueued\"");
        assertThatThrownBy(() -> codec.decode("{\"init\": \"hello\"}", StartSession.class))
                .hasMessageContaining("init must be an object");
    }

    @Test
    void sessionInitVariants() throws DecodeException {
        StartSession n =
                codec.decode("{\"init\": {\"type\": \"notification\", \"text\": \"Ready\"}}", StartSession.class);
        assertThat(n.init()).isEqualTo(new SessionInit.Notification("Ready"));
        StartSession a =
                codec.decode("{\"init\": {\"type\": \"action\", \"canBeEnqueued\": false}}", StartSession.class);
        assertThat(a.init()).isEqualTo(new SessionInit.Action(false, "action", null, null, false));
        assertThat(codec.encodeToString(new StartSession(new SessionInit.Notification("Ready"), null, null, null)))
                .isEqualTo("{\"init\": {\"text\": \"Ready\", \"type\": \"notification\"}, \"siteId\": \"default\","
                        + " \"customData\": null, \"lang\": null}");
    }

    @Test
    void chorusMessages() throws DecodeException {
        Instant t = Instant.parse("2026-11-24T10:15:30.123456Z");
        assertThat(codec.encodeToString(ModuleStatus.of("tts", "box", "1.0", ModuleStatus.ONLINE, t)))
                .isEqualTo("{\"module\": \"tts\", \"instance\": \"box\", \"version\": \"1.0\", \"state\": \"online\","
                        + " \"since\": \"2026-11-24T10:15:30.123Z\"}");
        assertThat(codec.encodeToString(ChorusError.of("hermes/tts/say", "not JSON", "{x", t)))
                .isEqualTo("{\"topic\": \"hermes/tts/say\", \"error\": \"not JSON\", \"payloadExcerpt\": \"{x\","
                        + " \"at\": \"2026-11-24T10:15:30.123Z\"}");
        assertThat(codec.decode(codec.encode(ModuleStatus.of("a", "b", "c", "offline", t)), ModuleStatus.class)
                        .online())
                .isFalse();
    }

    @Test
    void ttsPresetsOnTheWire() throws DecodeException {
        TtsPresets presets = new TtsPresets(
                List.of(new TtsPresets.Preset("default", "plain voice"), new TtsPresets.Preset("slow", null)),
                "default");
        assertThat(codec.encodeToString(presets))
                .isEqualTo(
                        "{\"presets\": [{\"name\": \"default\", \"description\":"
                                + " \"plain voice\"}, {\"name\": \"slow\", \"description\": null}], \"defaultPreset\": \"default\"}");
        TtsPresets back = codec.decode(codec.encode(presets), TtsPresets.class);
        assertThat(back).isEqualTo(presets);
        assertThat(back.contains("slow")).isTrue();
        assertThat(back.contains("loud")).isFalse();
        assertThat(back.names()).containsExactly("default", "slow");
        assertThat(codec.decode("{\"presets\": []}", TtsPresets.class).defaultPreset())
                .isNull();
        assertThatThrownBy(() -> codec.decode("{\"defaultPreset\": \"x\"}", TtsPresets.class))
                .hasMessageContaining("missing required key \"presets\"");
        assertThatThrownBy(() -> codec.decode("{\"presets\": [{\"description\": \"x\"}]}", TtsPresets.class))
                .hasMessageContaining("name");
    }

    @Test
    void emptyListsAreWritten() {
        NluQuery q = new NluQuery("x", null, null, List.of(), null, null, null, null, null, null);
        assertThat(new String(codec.encode(q), StandardCharsets.UTF_8)).contains("\"intentFilter\": []");
    }
}
