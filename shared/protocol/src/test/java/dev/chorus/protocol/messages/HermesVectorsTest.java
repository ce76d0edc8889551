package dev.chorus.protocol.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.DecodeException;
import dev.chorus.protocol.json.JsonCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our records against the captured/serialized Hermes payloads. Where a vector is what rhasspy-hermes writes,
 * decoding and encoding again must give the same bytes.
 */
class HermesVectorsTest {

    private final JsonCodec codec = JsonCodec.standalone();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "derived/tts_say.json, TtsSay",
        "wire_captures/tts_say_rhasspy_2.5.json, TtsSay",
        "derived/tts_say_finished.json, TtsSayFinished",
        "tts_get_voices.json, GetVoices",
        "derived/tts_voices.json, Voices",
        "tts_error.json, HermesError",
        "nlu_error.json, HermesError",
        "dialogue_error.json, HermesError",
        "derived/play_finished.json, PlayFinished",
        "derived/audio_toggle_off.json, SiteToggle",
        "handle_toggle_on.json, SiteToggle",
        "handle_toggle_off.json, SiteToggle",
        "hotword_toggle_on.json, ReasonToggle",
        "hotword_toggle_off.json, ReasonToggle",
        "derived/asr_toggle_off.json, ReasonToggle",
        "derived/nlu_query.json, NluQuery",
        "intent.json, NluIntent",
        "derived/intent_with_slots.json, NluIntent",
        "derived/nlu_intent_parsed.json, NluIntentParsed",
        "wire_captures/nlu_intent_parsed_rhasspy_2.5.7.json, NluIntentParsed",
        "derived/nlu_intent_not_recognized.json, NluIntentNotRecognized",
        "dialogue_start_session.json, StartSession",
        "derived/dialogue_start_session_action.json, StartSession",
        "dialogue_continue_session.json, ContinueSession",
        "dialogue_end_session.json, EndSession",
        "dialogue_configure.json, DialogueConfigure",
        "derived/session_started.json, SessionStarted",
        "derived/session_queued.json, SessionQueued",
        "derived/session_ended.json, SessionEnded",
        "derived/dialogue_intent_not_recognized.json, DialogueIntentNotRecognized",
        "derived/asr_start_listening.json, AsrStartListening",
        "derived/asr_stop_listening.json, AsrStopListening",
        "derived/asr_text_captured.json, AsrTextCaptured",
        "derived/hotword_detected.json, HotwordDetected",
        "hotword_get_hotwords.json, GetHotwords",
    })
    void roundTripIsByteExact(String vector, String type) throws Exception {
        Class<?> cls = Class.forName("dev.chorus.protocol.messages." + type);
        Object decoded = codec.decode(Vectors.bytes(vector), cls);
        assertThat(codec.encodeToString(decoded)).isEqualTo(Vectors.text(vector));
        // the record's own topic (never a wire key: the bytes above are exact) is one its type's filter receives
        if (decoded instanceof Addressed addressed) {
            assertThat(Topics.filterOf(cls))
                    .hasValueSatisfying(filter -> assertThat(TopicFilters.matches(filter, addressed.topic()))
                            .as(filter)
                            .isTrue());
        }
    }

    @Test
    void everyAddressedTypeHasAFilterAndTogglesHaveNone() {
        for (Class<?> type : List.of(
                TtsSay.class,
                TtsSayFinished.class,
                TtsSaySites.class,
                GetVoices.class,
                Voices.class,
                NluQuery.class,
                NluIntent.class,
                NluIntentParsed.class,
                NluIntentNotRecognized.class,
                StartSession.class,
                SessionStarted.class,
                SessionQueued.class,
                ContinueSession.class,
                EndSession.class,
                SessionEnded.class,
                DialogueIntentNotRecognized.class,
                DialogueConfigure.class,
                AsrStartListening.class,
                AsrStopListening.class,
                AsrTextCaptured.class,
                SetVolume.class,
                StreamFinished.class,
                GetHotwords.class,
                Hotwords.class,
                ModuleStatus.class)) {
            assertThat(Addressed.class.isAssignableFrom(type))
                    .as(type.getSimpleName())
                    .isTrue();
            assertThat(Topics.filterOf(type)).as(type.getSimpleName()).isPresent();
        }
        assertThat(Topics.filterOf(SiteToggle.class)).isEmpty();
        assertThat(Topics.filterOf(ReasonToggle.class)).isEmpty();
        assertThat(Topics.filterOf(HermesError.class)).isEmpty();
        assertThat(new ModuleStatus("tts", "i", "1", ModuleStatus.ONLINE, "2026-11-30T00:00:00Z").topic())
                .isEqualTo("chorus/status/tts");
        assertThat(new StreamFinished("r1", "kitchen").topic()).isEqualTo("hermes/audioServer/kitchen/streamFinished");
    }

    @Test
    void staleDoctestsDecodeAndEncodeToTheCurrentForm() throws Exception {
        TtsSay say = codec.decode(Vectors.bytes("tts_say.json"), TtsSay.class);
        assertThat(codec.encodeToString(say)).isEqualTo(Vectors.text("derived/tts_say.json"));
        NluQuery query = codec.decode(Vectors.bytes("nlu_query.json"), NluQuery.class);
        assertThat(codec.encodeToString(query)).isEqualTo(Vectors.text("derived/nlu_query.json"));
    }

    @Test
    void minimalInputsTakeTheDefaults() throws Exception {
        assertThat(codec.decode(Vectors.bytes("tts_say_mosquitto.json"), TtsSay.class))
                .isEqualTo(new TtsSay("Ciao!", "default", "it_IT", null, null, null));
        assertThat(codec.decode(Vectors.bytes("nlu_query_mosquitto.json"), NluQuery.class))
                .isEqualTo(new NluQuery("what time is it", "default", null, null, null, null, null, null, null, null));
        assertThat(codec.decode(Vectors.bytes("dialogue_start_session_mosquitto.json"), StartSession.class))
                .isEqualTo(codec.decode(Vectors.bytes("dialogue_start_session.json"), StartSession.class));
        assertThat(codec.decode(Vectors.bytes("dialogue_end_session_mosquitto.json"), EndSession.class))
                .isEqualTo(codec.decode(Vectors.bytes("dialogue_end_session.json"), EndSession.class));
    }

    @Test
    void aDetectionsScoreIsAChorusKeyAfterTheHermesKeysWrittenOnlyWhenSet() throws Exception {
        String hermes = Vectors.text("derived/hotword_detected.json");
        HotwordDetected rhasspy = codec.decode(Vectors.bytes("derived/hotword_detected.json"), HotwordDetected.class);
        assertThat(rhasspy.score()).isNull();
        HotwordDetected scored = new HotwordDetected(
                rhasspy.modelId(),
                rhasspy.modelVersion(),
                rhasspy.modelType(),
                rhasspy.currentSensitivity(),
                rhasspy.siteId(),
                null,
                null,
                null,
                null,
                0.75);
        String wire = codec.encodeToString(scored);
        assertThat(wire).isEqualTo(hermes.substring(0, hermes.lastIndexOf('}')) + ", \"score\": 0.75}");
        assertThat(codec.decode(wire.getBytes(java.nio.charset.StandardCharsets.UTF_8), HotwordDetected.class))
                .isEqualTo(scored);
    }

    @Test
    void aSayOnSeveralSitesIsASaysKeysWithAListOfSites() throws Exception {
        TtsSaySites say = new TtsSaySites("Dinner is ready.", List.of("kitchen", "attic"), null, "d1", null, 0.5);
        assertThat(codec.encodeToString(say))
                .isEqualTo("{\"text\": \"Dinner is ready.\", \"siteIds\": [\"kitchen\", \"attic\"], \"lang\": null,"
                        + " \"id\": \"d1\", \"sessionId\": null, \"volume\": 0.5}");
        assertThat(say.topic()).isEqualTo(Topics.TTS_SAY_SITES);
        assertThat(codec.decode("{\"text\": \"Hi\", \"siteIds\": [\"a\"]}", TtsSaySites.class))
                .isEqualTo(new TtsSaySites("Hi", List.of("a"), null, null, null, null));
        assertThatThrownBy(() -> codec.decode("{\"text\": \"Hi\"}", TtsSaySites.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("siteIds");
        assertThatThrownBy(() -> codec.decode("{\"text\": \"Hi\", \"siteIds\": \"a\"}", TtsSaySites.class))
                .as("one site is still a list")
                .isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> codec.decode("{\"text\": \"Hi\", \"siteIds\": [\"a\", null]}", TtsSaySites.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("null is not a site");
    }

    @Test
    void olderRhasspyPayloadsMissingOptionalKeysDecode() throws Exception {
        NluQuery query = codec.decode(Vectors.bytes("wire_captures/nlu_query_rhasspy_2.5.7.json"), NluQuery.class);
        assertThat(query.siteId()).isEqualTo("Kitchen-Sat");
        assertThat(query.customData()).isNull();
        NluIntent intent = codec.decode(
                Vectors.bytes("wire_captures/intent_rhasspy_2.4_missing_asr_fields.json"), NluIntent.class);
        assertThat(intent.intent()).isEqualTo(new Intent("Pause", 1.0));
        assertThat(intent.slots()).isEmpty();
        assertThat(intent.sessionId()).isEmpty();
        assertThat(intent.asrTokens()).isNull();
    }

    @Test
    void slotsAndTokens() throws Exception {
        NluIntent intent = codec.decode(Vectors.bytes("derived/intent_with_slots.json"), NluIntent.class);
        Slot color = intent.slots().get(1);
        assertThat(color.slotName()).isEqualTo("color");
        assertThat(color.kind()).isEqualTo("Unknown");
        assertThat(color.plainValue()).isEqualTo("red");
        assertThat(color.range()).isEqualTo(new Slot.SlotRange(25, 28, 25, 28));
        assertThat(intent.asrTokens()).hasSize(1);
        assertThat(intent.asrTokens().get(0)).hasSize(6);
    }

    @Test
    void slotDefaults() {
        Slot slot = new Slot("colors", Map.of("kind", "Number", "value", 5), null, null, null, null);
        assertThat(slot.slotName()).isEqualTo("colors");
        assertThat(slot.rawValue()).isEqualTo("5");
        assertThat(slot.confidence()).isEqualTo(0.0);
    }

    @Test
    void snipsPayloadsDecode() throws Exception {
        NluIntent intent = codec.decode(Vectors.bytes("snips/Intent.json"), NluIntent.class);
        assertThat(intent.intent().intentName()).isEqualTo("jelb:lightsColor");
        assertThat(intent.slots().get(0).confidence()).isEqualTo(0.0); // Snips says confidenceScore
        assertThat(intent.slots().get(0).range().rawStart()).isNull();
        assertThat(intent.asrTokens().get(0).get(0).time()).isEqualTo(new AsrToken.Time(0.5, 1.0));
        assertThat(codec.decode(Vectors.bytes("snips/StartSession.json"), StartSession.class)
                        .init())
                .isEqualTo(new SessionInit.Action(true, "action", "toto", List.of("intent", "filter"), false));
        assertThat(codec.decode(Vectors.bytes("snips/ContinueSession.json"), ContinueSession.class)
                        .sendIntentNotRecognized())
                .isTrue();
        assertThat(codec.decode(Vectors.bytes("snips/EndSession.json"), EndSession.class)
                        .text())
                .isEqualTo("Session ended");
        assertThat(codec.decode(Vectors.bytes("snips/SessionEnded.json"), SessionEnded.class)
                        .termination()
                        .reason())
                .isEqualTo("error");
        assertThat(codec.decode(Vectors.bytes("snips/SessionQueued.json"), SessionQueued.class)
                        .siteId())
                .isEqualTo("Site id");
        assertThat(codec.decode(Vectors.bytes("snips/SessionStarted.json"), SessionStarted.class)
                        .lang())
                .isNull();
        assertThat(codec.decode(Vectors.bytes("snips/IntentNotRecognized.json"), DialogueIntentNotRecognized.class)
                        .input())
                .isEqualTo("Hello world");
        assertThat(codec.decode(Vectors.bytes("snips/PlayFinished.json"), PlayFinished.class)
                        .id())
                .isEqualTo("8ewnjksdf093jb42");
    }

    @Test
    void nullForARequiredBooleanIsRejected() {
        // Snips writes "enable": null; Rhasspy would store None, we treat a null required key as missing
        assertThatThrownBy(() -> codec.decode(Vectors.bytes("snips/DialogueConfigure.json"), DialogueConfigure.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("\"enable\"");
    }

    @Test
    void anIntegerIsNotABoolean() {
        // user-written payload from rhasspy issue #186; Python accepted 1 for canBeEnqueued, we do not coerce
        assertThatThrownBy(() -> codec.decode(
                        Vectors.bytes("wire_captures/dialogue_start_session_user_issue186.json"), StartSession.class))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("canBeEnqueued");
    }
}
