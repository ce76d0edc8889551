package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void platformTopics() {
        assertThat(Topics.status("tts")).isEqualTo("chorus/status/tts");
        assertThat(Topics.STATUS_FILTER).isEqualTo("chorus/status/+");
        assertThat(Topics.error("nlu")).isEqualTo("chorus/error/nlu");
        assertThat(Topics.ERROR_FILTER).isEqualTo("chorus/error/+");
        assertThat(Topics.reply("cli", "1234")).isEqualTo("chorus/reply/cli/1234");
        assertThat(Topics.replyFilter("cli")).isEqualTo("chorus/reply/cli/#");
    }

    @Test
    void ttsTopics() {
        assertThat(Topics.TTS_SAY).isEqualTo("hermes/tts/say");
        assertThat(Topics.TTS_SAY_FINISHED).isEqualTo("hermes/tts/sayFinished");
        assertThat(Topics.TTS_GET_VOICES).isEqualTo("rhasspy/tts/getVoices");
        assertThat(Topics.TTS_VOICES).isEqualTo("rhasspy/tts/voices");
        assertThat(Topics.TTS_PRESETS).isEqualTo("chorus/tts/presets");
        assertThat(Topics.hermesErrorRoute(Topics.TTS_PRESETS))
                .as("a Chorus topic: no Hermes error")
                .isEmpty();
        assertThat(Topics.TTS_SAY_SITES).isEqualTo("chorus/tts/say");
        assertThat(Topics.hermesErrorRoute(Topics.TTS_SAY_SITES))
                .as("a say on several sites fails like a say")
                .contains(new HermesErrorRoute(Topics.ERROR_TTS, "id"));
    }

    @Test
    void errorTopics() {
        assertThat(Topics.ERROR_TTS).isEqualTo("hermes/error/tts");
        assertThat(Topics.ERROR_ASR).isEqualTo("hermes/error/asr");
        assertThat(Topics.ERROR_NLU).isEqualTo("hermes/error/nlu");
        assertThat(Topics.ERROR_HOTWORD).isEqualTo("hermes/error/hotword");
        assertThat(Topics.ERROR_DIALOGUE_MANAGER).isEqualTo("hermes/error/dialogueManager");
        assertThat(Topics.ERROR_AUDIO_SERVER_PLAY).isEqualTo("hermes/error/audioServer/play");
        assertThat(Topics.ERROR_AUDIO_SERVER_RECORD).isEqualTo("hermes/error/audioServer/record");
        assertThat(Topics.ERROR_G2P).isEqualTo("rhasspy/error/g2p");
        assertThat(Topics.HERMES_ERROR_FILTER).isEqualTo("hermes/error/#");
    }

    @Test
    void audioServerTopics() {
        assertThat(Topics.playBytes("kitchen", "r1")).isEqualTo("hermes/audioServer/kitchen/playBytes/r1");
        assertThat(Topics.PLAY_BYTES_FILTER).isEqualTo("hermes/audioServer/+/playBytes/+");
        assertThat(Topics.playFinished("kitchen")).isEqualTo("hermes/audioServer/kitchen/playFinished");
        assertThat(Topics.PLAY_FINISHED_FILTER).isEqualTo("hermes/audioServer/+/playFinished");
        assertThat(Topics.playBytesStreaming("kitchen", "r1", 0, false))
                .isEqualTo("hermes/audioServer/kitchen/playBytesStreaming/r1/0/0");
        assertThat(Topics.playBytesStreaming("kitchen", "r1", 7, true))
                .isEqualTo("hermes/audioServer/kitchen/playBytesStreaming/r1/7/1");
        assertThat(Topics.PLAY_BYTES_STREAMING_FILTER).isEqualTo("hermes/audioServer/+/playBytesStreaming/+/+/+");
        assertThat(Topics.streamFinished("kitchen")).isEqualTo("hermes/audioServer/kitchen/streamFinished");
        assertThat(Topics.audioFrame("kitchen")).isEqualTo("hermes/audioServer/kitchen/audioFrame");
        assertThat(Topics.AUDIO_FRAME_FILTER).isEqualTo("hermes/audioServer/+/audioFrame");
        assertThat(Topics.audioSessionFrame("kitchen", "s1"))
                .isEqualTo("hermes/audioServer/kitchen/s1/audioSessionFrame");
        assertThat(Topics.audioSummary("kitchen")).isEqualTo("hermes/audioServer/kitchen/audioSummary");
        assertThat(Topics.AUDIO_TOGGLE_ON).isEqualTo("hermes/audioServer/toggleOn");
        assertThat(Topics.audioServerStop("kitchen")).isEqualTo("chorus/audioServer/kitchen/stop");
        assertThat(Topics.AUDIO_SERVER_STOP_FILTER).isEqualTo("chorus/audioServer/+/stop");
        assertThat(Topics.AUDIO_TOGGLE_OFF).isEqualTo("hermes/audioServer/toggleOff");
        assertThat(Topics.AUDIO_TOGGLE_SUMMARY_ON).isEqualTo("hermes/audioServer/toggleSummaryOn");
        assertThat(Topics.AUDIO_TOGGLE_SUMMARY_OFF).isEqualTo("hermes/audioServer/toggleSummaryOff");
        assertThat(Topics.AUDIO_GET_DEVICES).isEqualTo("rhasspy/audioServer/getDevices");
        assertThat(Topics.AUDIO_DEVICES).isEqualTo("rhasspy/audioServer/devices");
        assertThat(Topics.AUDIO_SET_VOLUME).isEqualTo("rhasspy/audioServer/setVolume");
    }

    @Test
    void nluAndIntentTopics() {
        assertThat(Topics.NLU_QUERY).isEqualTo("hermes/nlu/query");
        assertThat(Topics.NLU_INTENT_PARSED).isEqualTo("hermes/nlu/intentParsed");
        assertThat(Topics.NLU_INTENT_NOT_RECOGNIZED).isEqualTo("hermes/nlu/intentNotRecognized");
        assertThat(Topics.intent("GetTime")).isEqualTo("hermes/intent/GetTime");
        assertThat(Topics.INTENT_FILTER).isEqualTo("hermes/intent/+");
        assertThat(Topics.nluTrain("default")).isEqualTo("rhasspy/nlu/default/train");
        assertThat(Topics.nluTrainSuccess("default")).isEqualTo("rhasspy/nlu/default/trainSuccess");
    }

    @Test
    void dialogueManagerTopics() {
        assertThat(Topics.DM_START_SESSION).isEqualTo("hermes/dialogueManager/startSession");
        assertThat(Topics.DM_SESSION_STARTED).isEqualTo("hermes/dialogueManager/sessionStarted");
        assertThat(Topics.DM_SESSION_QUEUED).isEqualTo("hermes/dialogueManager/sessionQueued");
        assertThat(Topics.DM_CONTINUE_SESSION).isEqualTo("hermes/dialogueManager/continueSession");
        assertThat(Topics.DM_END_SESSION).isEqualTo("hermes/dialogueManager/endSession");
        assertThat(Topics.DM_SESSION_ENDED).isEqualTo("hermes/dialogueManager/sessionEnded");
        assertThat(Topics.DM_INTENT_NOT_RECOGNIZED).isEqualTo("hermes/dialogueManager/intentNotRecognized");
        assertThat(Topics.DM_CONFIGURE).isEqualTo("hermes/dialogueManager/configure");
    }

    @Test
    void asrAndHotwordTopics() {
        assertThat(Topics.ASR_TOGGLE_ON).isEqualTo("hermes/asr/toggleOn");
        assertThat(Topics.ASR_TOGGLE_OFF).isEqualTo("hermes/asr/toggleOff");
        assertThat(Topics.ASR_START_LISTENING).isEqualTo("hermes/asr/startListening");
        assertThat(Topics.ASR_STOP_LISTENING).isEqualTo("hermes/asr/stopListening");
        assertThat(Topics.ASR_TEXT_CAPTURED).isEqualTo("hermes/asr/textCaptured");
        assertThat(Topics.ASR_RECORDING_FINISHED).isEqualTo("rhasspy/asr/recordingFinished");
        assertThat(Topics.asrAudioCaptured("s", "x")).isEqualTo("rhasspy/asr/s/x/audioCaptured");
        assertThat(Topics.asrTrain("s")).isEqualTo("rhasspy/asr/s/train");
        assertThat(Topics.asrTrainSuccess("s")).isEqualTo("rhasspy/asr/s/trainSuccess");
        assertThat(Topics.HOTWORD_TOGGLE_ON).isEqualTo("hermes/hotword/toggleOn");
        assertThat(Topics.HOTWORD_TOGGLE_OFF).isEqualTo("hermes/hotword/toggleOff");
        assertThat(Topics.hotwordDetected("porcupine")).isEqualTo("hermes/hotword/porcupine/detected");
        assertThat(Topics.HOTWORD_DETECTED_FILTER).isEqualTo("hermes/hotword/+/detected");
        assertThat(Topics.HOTWORD_GET_HOTWORDS).isEqualTo("rhasspy/hotword/getHotwords");
        assertThat(Topics.HOTWORD_HOTWORDS).isEqualTo("rhasspy/hotword/hotwords");
        assertThat(Topics.HOTWORD_RECORD_EXAMPLE).isEqualTo("rhasspy/hotword/recordExample");
        assertThat(Topics.hotwordExampleRecorded("s", "r")).isEqualTo("rhasspy/hotword/s/exampleRecorded/r");
    }

    @Test
    void otherRhasspyTopics() {
        assertThat(Topics.HANDLE_TOGGLE_ON).isEqualTo("rhasspy/handle/toggleOn");
        assertThat(Topics.HANDLE_TOGGLE_OFF).isEqualTo("rhasspy/handle/toggleOff");
        assertThat(Topics.G2P_PRONOUNCE).isEqualTo("rhasspy/g2p/pronounce");
        assertThat(Topics.G2P_PHONEMES).isEqualTo("rhasspy/g2p/phonemes");
        assertThat(Topics.TRAIN_GET_INTENT_GRAPH).isEqualTo("rhasspy/train/getIntentGraph");
        assertThat(Topics.trainIntentGraph("r")).isEqualTo("rhasspy/train/intentGraph/r");
    }

    @Test
    void catalogHasEveryTopicOnceAndNoFilters() {
        assertThat(Topics.catalog())
                .doesNotHaveDuplicates()
                .contains(
                        "chorus/status/{module}",
                        "hermes/tts/say",
                        "hermes/audioServer/{siteId}/playBytes/{requestId}",
                        "hermes/intent/{intentName}")
                .noneMatch(t -> t.contains("+") || t.contains("#"));
        assertThat(Topics.catalog()).hasSize(72);
    }

    @Test
    void variableLevelsAreParsedBack() {
        String topic = Topics.playBytes("living-room", "abc-123");
        assertThat(Topics.PLAY_BYTES.match(topic)).contains(Map.of("siteId", "living-room", "requestId", "abc-123"));
        assertThat(Topics.PLAY_BYTES.extract(topic, "requestId")).contains("abc-123");
        assertThat(Topics.PLAY_BYTES.extract("hermes/audioServer/x/playFinished", "siteId"))
                .isEmpty();
        assertThat(Topics.INTENT.extract("hermes/intent/GetTime", "intentName")).contains("GetTime");
        assertThat(Topics.siteIdOf("hermes/audioServer/kitchen/playFinished")).contains("kitchen");
        assertThat(Topics.siteIdOf("hermes/tts/say")).isEmpty();
        assertThat(Topics.variableOf("hermes/audioServer/kitchen/playBytes/r9", "requestId"))
                .contains("r9");
        assertThat(Topics.PLAY_BYTES.match("hermes/audioServer//playBytes/x")).isEmpty();
    }

    @Test
    void variableValuesMustBeOneLevel() {
        assertThatThrownBy(() -> Topics.playBytes("a/b", "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{siteId}");
        assertThatThrownBy(() -> Topics.intent("#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.status("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.replyFilter("a+b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorRouting() {
        assertThat(route("hermes/tts/say")).contains(new HermesErrorRoute("hermes/error/tts", "id"));
        assertThat(route("rhasspy/tts/getVoices")).contains(new HermesErrorRoute("hermes/error/tts", "id"));
        assertThat(route("hermes/audioServer/kitchen/playBytes/r1"))
                .contains(new HermesErrorRoute("hermes/error/audioServer/play", "requestId"));
        assertThat(route("hermes/audioServer/kitchen/playBytesStreaming/r1/0/1"))
                .contains(new HermesErrorRoute("hermes/error/audioServer/play", "requestId"));
        assertThat(route("rhasspy/audioServer/setVolume").map(HermesErrorRoute::errorTopic))
                .contains("hermes/error/audioServer/play");
        assertThat(route("hermes/audioServer/kitchen/audioFrame").map(HermesErrorRoute::errorTopic))
                .contains("hermes/error/audioServer/record");
        assertThat(route("hermes/nlu/query")).contains(new HermesErrorRoute("hermes/error/nlu", "input"));
        assertThat(route("hermes/dialogueManager/startSession").map(HermesErrorRoute::errorTopic))
                .contains("hermes/error/dialogueManager");
        assertThat(route("hermes/asr/startListening").map(HermesErrorRoute::errorTopic))
                .contains("hermes/error/asr");
        assertThat(route("hermes/hotword/porcupine/detected").map(HermesErrorRoute::errorTopic))
                .contains("hermes/error/hotword");
        assertThat(route("rhasspy/g2p/pronounce").map(HermesErrorRoute::errorTopic))
                .contains("rhasspy/error/g2p");
        // no Hermes error for these: intents have none, and errors about errors would loop
        assertThat(route("hermes/intent/GetTime")).isEmpty();
        assertThat(route("hermes/error/tts")).isEmpty();
        assertThat(route("chorus/status/tts")).isEmpty();
        assertThat(route("example/ping")).isEmpty();
    }

    private static Optional<HermesErrorRoute> route(String topic) {
        return Topics.hermesErrorRoute(topic);
    }
}
