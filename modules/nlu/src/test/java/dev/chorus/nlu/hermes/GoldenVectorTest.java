package dev.chorus.nlu.hermes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.nlu.template.Recognition;
import dev.chorus.nlu.template.TemplateCompiler;
import dev.chorus.nlu.template.TrainedTemplates;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluQuery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The module's answers, serialised by the protocol's codec, byte for byte equal to the Hermes golden vectors
 * (copied from the Hermes reference into src/test/resources/hermes-vectors): the rhasspy-nlu-hermes unit test's
 * template, trained here, and its query.
 */
class GoldenVectorTest {

    private static final JsonCodec CODEC = JsonCodec.standalone();
    private static final String SITE = "satellite1";
    private static final String ID = "0f5e8a3c-7d2b-4f1a-8c9e-2a3b4c5d6e7f";
    private static final String SESSION = "satellite1-porcupine-6c1c5e2a-3b7e-4a50-9d7a-1f2b3c4d5e6f";

    private final TrainedTemplates templates =
            train("[SetLightColor]\nset the (bedroom | living room){name} light to (red | green | blue){color}\n"
                    + "[GetTime]\nwhat time is it\n");

    @Test
    void intentParsed() throws Exception {
        NluQuery query = query("set the bedroom light to red");
        Recognition r = templates.recognize(query.input(), query.intentFilter()).orElseThrow();
        assertThat(CODEC.encodeToString(IntentMessages.parsed(query, r)))
                .isEqualTo(vector("derived/nlu_intent_parsed.json"));
    }

    @Test
    void intentWithSlots() throws Exception {
        NluQuery query = query("set the bedroom light to red");
        Recognition r = templates.recognize(query.input(), query.intentFilter()).orElseThrow();
        assertThat(CODEC.encodeToString(IntentMessages.intent(query, r)))
                .isEqualTo(vector("derived/intent_with_slots.json"));
    }

    @Test
    void notRecognized() throws Exception {
        NluQuery query = query("not a valid sentence at all");
        assertThat(templates.recognize(query.input(), null)).isEmpty();
        assertThat(CODEC.encodeToString(IntentMessages.notRecognized(query)))
                .isEqualTo(vector("derived/nlu_intent_not_recognized.json"));
    }

    /**
     * vectors/intent.json is rhasspy-hermes' docstring example of a bare NluIntent (confidence 0.95, no slots, no
     * rawInput), not something the NLU service sends: the recognised intent and text come from the templates, the
     * docstring's other fields are set as it sets them.
     */
    @Test
    void bareIntent() throws Exception {
        Recognition r = templates.recognize("what time is it", null).orElseThrow();
        NluIntent intent = new NluIntent(
                r.text(), new Intent(r.intentName(), 0.95), null, null, null, null, null, null, null, null, null, null);
        assertThat(CODEC.encodeToString(intent)).isEqualTo(vector("intent.json"));
    }

    @Test
    void customEntitiesBecomeSlotsAfterTheRecognisedOnes() {
        NluQuery query = new NluQuery(
                "set the bedroom light to red",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("speaker", "anna"));
        Recognition r = templates.recognize(query.input(), null).orElseThrow();
        String json = CODEC.encodeToString(IntentMessages.intent(query, r));
        assertThat(json)
                .contains("{\"entity\": \"speaker\", \"value\": {\"value\": \"anna\"}, \"slotName\": \"speaker\","
                        + " \"rawValue\": \"anna\", \"confidence\": 1.0, \"range\": null}]");
    }

    private static NluQuery query(String input) {
        return new NluQuery(input, SITE, ID, null, SESSION, null, null, null, null, null);
    }

    static TrainedTemplates train(String ini) {
        try {
            return TemplateCompiler.compile(Map.of(TemplateCompiler.SENTENCES, ini));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String vector(String name) throws IOException {
        try (InputStream in = GoldenVectorTest.class.getResourceAsStream("/hermes-vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
