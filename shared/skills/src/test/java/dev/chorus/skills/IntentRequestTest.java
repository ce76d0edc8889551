package dev.chorus.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.NluIntent;
import org.junit.jupiter.api.Test;

class IntentRequestTest {

    @Test
    void parsesTemplateMarkupIntoInputAndSlots() {
        IntentRequest r = IntentRequest.parse(
                "SetTimer",
                "set a timer for (five:5){minutes} minutes and (thirty:30.5){seconds} in the kitchen{room}");
        assertThat(r.input()).isEqualTo("set a timer for five minutes and thirty in the kitchen");
        assertThat(r.intentName()).isEqualTo("SetTimer");
        assertThat(r.integer("minutes")).contains(5L);
        assertThat(r.number("seconds")).contains(30.5);
        assertThat(r.integer("seconds")).isEmpty();
        assertThat(r.text("room")).contains("kitchen");
        assertThat(r.number("room")).isEmpty();
        assertThat(r.slot("minutes").orElseThrow().kind()).isEqualTo("Number");
        assertThat(r.slot("minutes").orElseThrow().rawValue()).isEqualTo("five");
        assertThat(r.slot("minutes").orElseThrow().range().start()).isEqualTo(16);
        assertThat(r.text("missing")).isEmpty();
        assertThat(r.siteId()).isEqualTo("default");
        assertThat(r.sessionId()).isEqualTo("test-session");
        assertThat(r.onSite("hall").inSession(null).siteId()).isEqualTo("hall");
        assertThat(r.inSession(null).sessionId()).isNull();
    }

    @Test
    void readsSlotsOfAWireIntentWhateverTheirJsonType() throws Exception {
        String json = """
                {"input": "set volume to 40", "intent": {"intentName": "SetVolume", "confidenceScore": 1.0},
                 "siteId": "hall", "sessionId": "s1", "customData": "cd",
                 "slots": [{"entity": "volume", "value": {"kind": "Number", "value": 40}, "slotName": "volume"},
                           {"entity": "n", "value": {"kind": "Unknown", "value": "12"}}]}
                """;
        IntentRequest r = IntentRequest.of(JsonCodec.standalone().decode(json, NluIntent.class));
        assertThat(r.integer("volume")).contains(40L);
        assertThat(r.integer("n")).contains(12L);
        assertThat(r.customData()).isEqualTo("cd");
        assertThat(r.siteId()).isEqualTo("hall");
    }
}
