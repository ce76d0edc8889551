package dev.chorus.protocol;

import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.DialogueConfigure;
import dev.chorus.protocol.messages.DialogueIntentNotRecognized;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.GetHotwords;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.Hotwords;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.NluTemplatesSet;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionQueued;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.protocol.messages.StreamFinished;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.protocol.messages.Voices;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every MQTT topic the Chorus stack uses, in one place. docs/topics.md documents the same list
 * (a test keeps the two in step).
 *
 * <p>Fixed topics are {@code String} constants. Topics with variable levels are {@link TopicPattern}s
 * with a static method that fills them in and a {@code *_FILTER} constant to subscribe to all of them.
 * Variable levels used below:
 * <ul>
 *   <li>{@code {module}}: a Chorus module name ({@code micronaut.application.name}), e.g. {@code tts};</li>
 *   <li>{@code {siteId}}: the Hermes site, the room/satellite a message is about, default {@code default};</li>
 *   <li>{@code {requestId}}: any unique string chosen by the requester (often a UUID); echoed in the answer;</li>
 *   <li>{@code {sessionId}}: a dialogue session id as created by the dialogue manager;</li>
 *   <li>{@code {intentName}}: an intent name exactly as written in sentences.ini;</li>
 *   <li>{@code {wakewordId}}: the id of the wake word model that fired.</li>
 * </ul>
 * Hermes and Rhasspy topics follow the Hermes protocol of Rhasspy 2.5 (rhasspy-hermes 0.6.2); the
 * golden vectors of protocol tests are in src/test/resources/hermes-vectors.
 */
public final class Topics {

    private Topics() {}

    // ---- Chorus platform -------------------------------------------------------------------------

    /** Retained {@link dev.chorus.protocol.messages.ModuleStatus} of a module; {@code {module}} = module name. */
    public static final TopicPattern STATUS = TopicPattern.of("chorus/status/{module}");

    public static final String STATUS_FILTER = STATUS.filter();

    /** {@link dev.chorus.protocol.messages.ChorusError}: a message a module could not handle; {@code {module}} = module name. */
    public static final TopicPattern ERROR = TopicPattern.of("chorus/error/{module}");

    public static final String ERROR_FILTER = ERROR.filter();

    /**
     * MQTT 5 response topic of a request made by {@code {module}}; {@code {requestId}} = a UUID per request,
     * also sent as correlation data.
     */
    public static final TopicPattern REPLY = TopicPattern.of("chorus/reply/{module}/{requestId}");

    public static String status(String module) {
        return STATUS.format(module);
    }

    public static String error(String module) {
        return ERROR.format(module);
    }

    public static String reply(String module, String requestId) {
        return REPLY.format(module, requestId);
    }

    /** Every reply addressed to {@code module}: {@code chorus/reply/<module>/#}. */
    public static String replyFilter(String module) {
        STATUS.format(module); // same level rules as the other platform topics
        return "chorus/reply/" + module + "/#";
    }

    // ---- Text to speech (protocol.md section 1) ----------------------------------------------------

    public static final String TTS_SAY = "hermes/tts/say";
    public static final String TTS_SAY_FINISHED = "hermes/tts/sayFinished";
    /** Rhasspy puts the voice topics under {@code rhasspy/}, not {@code hermes/}. */
    public static final String TTS_GET_VOICES = "rhasspy/tts/getVoices";

    public static final String TTS_VOICES = "rhasspy/tts/voices";
    /**
     * Chorus: the tts module's speech presets ({@link dev.chorus.protocol.messages.TtsPresets}), retained; the tts
     * module publishes it on every (re)connect. An empty retained payload clears it (presets unknown).
     */
    public static final String TTS_PRESETS = "chorus/tts/presets";
    /**
     * Chorus: one text said on several sites ({@link dev.chorus.protocol.messages.TtsSaySites}): rendered once,
     * played on each site, answered by one {@link #TTS_SAY_FINISHED} per site. Rhasspy has no such topic (a
     * Hermes say names one site); its errors go to {@link #ERROR_TTS} like a say's.
     */
    public static final String TTS_SAY_SITES = "chorus/tts/say";

    // ---- Hermes errors (shape: HermesError) -------------------------------------------------------

    public static final String ERROR_TTS = "hermes/error/tts";
    public static final String ERROR_ASR = "hermes/error/asr";
    public static final String ERROR_NLU = "hermes/error/nlu";
    public static final String ERROR_HOTWORD = "hermes/error/hotword";
    public static final String ERROR_DIALOGUE_MANAGER = "hermes/error/dialogueManager";
    public static final String ERROR_AUDIO_SERVER_PLAY = "hermes/error/audioServer/play";
    public static final String ERROR_AUDIO_SERVER_RECORD = "hermes/error/audioServer/record";
    public static final String ERROR_G2P = "rhasspy/error/g2p";
    public static final String HERMES_ERROR_FILTER = "hermes/error/#";

    // ---- Audio server (section 2) -----------------------------------------------------------------

    /** Binary WAV to play on {@code {siteId}}; {@code {requestId}} comes back as {@code playFinished.id}. */
    public static final TopicPattern PLAY_BYTES = TopicPattern.of("hermes/audioServer/{siteId}/playBytes/{requestId}");

    public static final String PLAY_BYTES_FILTER = PLAY_BYTES.filter();

    /** JSON {@code {id, sessionId}} once {@code {siteId}} has played (or skipped) a playBytes. */
    public static final TopicPattern PLAY_FINISHED = TopicPattern.of("hermes/audioServer/{siteId}/playFinished");

    public static final String PLAY_FINISHED_FILTER = PLAY_FINISHED.filter();

    /**
     * Snips streaming playback: binary WAV chunk {@code {chunkNumber}} (from 0) of {@code {requestId}};
     * {@code {isLastChunk}} is {@code 1} on the last chunk, else {@code 0}.
     */
    public static final TopicPattern PLAY_BYTES_STREAMING =
            TopicPattern.of("hermes/audioServer/{siteId}/playBytesStreaming/{requestId}/{chunkNumber}/{isLastChunk}");

    public static final String PLAY_BYTES_STREAMING_FILTER = PLAY_BYTES_STREAMING.filter();

    /** JSON {@code {id, siteId}} answering the last chunk of a playBytesStreaming on {@code {siteId}}. */
    public static final TopicPattern STREAM_FINISHED = TopicPattern.of("hermes/audioServer/{siteId}/streamFinished");

    public static final String STREAM_FINISHED_FILTER = STREAM_FINISHED.filter();

    /** Binary WAV microphone chunk from {@code {siteId}}, streamed continuously. */
    public static final TopicPattern AUDIO_FRAME = TopicPattern.of("hermes/audioServer/{siteId}/audioFrame");

    public static final String AUDIO_FRAME_FILTER = AUDIO_FRAME.filter();

    /** Binary WAV microphone chunk from {@code {siteId}} belonging to dialogue session {@code {sessionId}}. */
    public static final TopicPattern AUDIO_SESSION_FRAME =
            TopicPattern.of("hermes/audioServer/{siteId}/{sessionId}/audioSessionFrame");

    public static final String AUDIO_SESSION_FRAME_FILTER = AUDIO_SESSION_FRAME.filter();

    /** JSON {@code {debiasedEnergy, isSpeech}} audio level summary of {@code {siteId}}. */
    public static final TopicPattern AUDIO_SUMMARY = TopicPattern.of("hermes/audioServer/{siteId}/audioSummary");

    public static final String AUDIO_SUMMARY_FILTER = AUDIO_SUMMARY.filter();

    public static final String AUDIO_TOGGLE_ON = "hermes/audioServer/toggleOn";
    public static final String AUDIO_TOGGLE_OFF = "hermes/audioServer/toggleOff";
    public static final String AUDIO_TOGGLE_SUMMARY_ON = "hermes/audioServer/toggleSummaryOn";
    public static final String AUDIO_TOGGLE_SUMMARY_OFF = "hermes/audioServer/toggleSummaryOff";
    public static final String AUDIO_GET_DEVICES = "rhasspy/audioServer/getDevices";
    public static final String AUDIO_DEVICES = "rhasspy/audioServer/devices";
    public static final String AUDIO_SET_VOLUME = "rhasspy/audioServer/setVolume";

    /**
     * Chorus: stop what {@code {siteId}} is saying or playing now (the dialogue manager sends it when a wake word
     * interrupts). The audio module stops the current playback and drops the site's queued playBytes (each still
     * answered by playFinished); the tts module sends no further sentence of the site's says in progress (their
     * sayFinished still goes out). Payload {@code {"siteId"}}, not read: the site is the topic's.
     */
    public static final TopicPattern AUDIO_SERVER_STOP = TopicPattern.of("chorus/audioServer/{siteId}/stop");

    public static final String AUDIO_SERVER_STOP_FILTER = AUDIO_SERVER_STOP.filter();

    public static String audioServerStop(String siteId) {
        return AUDIO_SERVER_STOP.format(siteId);
    }

    public static String playBytes(String siteId, String requestId) {
        return PLAY_BYTES.format(siteId, requestId);
    }

    public static String playFinished(String siteId) {
        return PLAY_FINISHED.format(siteId);
    }

    public static String playBytesStreaming(String siteId, String requestId, int chunkNumber, boolean lastChunk) {
        if (chunkNumber < 0) {
            throw new IllegalArgumentException("chunkNumber must be >= 0: " + chunkNumber);
        }
        return PLAY_BYTES_STREAMING.format(siteId, requestId, Integer.toString(chunkNumber), lastChunk ? "1" : "0");
    }

    public static String streamFinished(String siteId) {
        return STREAM_FINISHED.format(siteId);
    }

    /**
     * Chorus: the sites whose audio frames {@code {module}} wants now
     * ({@link dev.chorus.protocol.messages.ListeningSites}), retained; the mic module streams only those sites.
     */
    public static final TopicPattern LISTENING = TopicPattern.of("chorus/listening/{module}");

    public static final String LISTENING_FILTER = LISTENING.filter();

    public static String listening(String module) {
        return LISTENING.format(module);
    }

    public static String audioFrame(String siteId) {
        return AUDIO_FRAME.format(siteId);
    }

    public static String audioSessionFrame(String siteId, String sessionId) {
        return AUDIO_SESSION_FRAME.format(siteId, sessionId);
    }

    public static String audioSummary(String siteId) {
        return AUDIO_SUMMARY.format(siteId);
    }

    // ---- NLU (section 3) --------------------------------------------------------------------------

    public static final String NLU_QUERY = "hermes/nlu/query";
    public static final String NLU_INTENT_PARSED = "hermes/nlu/intentParsed";
    public static final String NLU_INTENT_NOT_RECOGNIZED = "hermes/nlu/intentNotRecognized";

    /** A recognised intent, published by the NLU; {@code {intentName}} = the intent's name. */
    public static final TopicPattern INTENT = TopicPattern.of("hermes/intent/{intentName}");

    public static final String INTENT_FILTER = INTENT.filter();

    /** Rhasspy NLU training request for {@code {siteId}}. */
    public static final TopicPattern NLU_TRAIN = TopicPattern.of("rhasspy/nlu/{siteId}/train");

    public static final String NLU_TRAIN_FILTER = NLU_TRAIN.filter();
    public static final TopicPattern NLU_TRAIN_SUCCESS = TopicPattern.of("rhasspy/nlu/{siteId}/trainSuccess");
    public static final String NLU_TRAIN_SUCCESS_FILTER = NLU_TRAIN_SUCCESS.filter();

    /**
     * Chorus: the trained grammar ({@link dev.chorus.protocol.messages.NluGrammar}), retained; published by the nlu
     * module after each successful training and on every (re)connect, read by the asr module.
     */
    public static final String NLU_GRAMMAR = "chorus/nlu/grammar";

    /**
     * Chorus: MQTT 5 request for the nlu module's templates; any payload (e.g. {@code {}}); the reply is a
     * {@link dev.chorus.protocol.messages.NluTemplates}.
     */
    public static final String NLU_TEMPLATES_GET = "chorus/nlu/templates/get";

    /**
     * Chorus: MQTT 5 request storing and training a template set
     * ({@link dev.chorus.protocol.messages.NluTemplatesSet}); the reply is a
     * {@link dev.chorus.protocol.messages.NluTemplatesResult}.
     */
    public static final String NLU_TEMPLATES_SET = "chorus/nlu/templates/set";

    public static String intent(String intentName) {
        return INTENT.format(intentName);
    }

    public static String nluTrain(String siteId) {
        return NLU_TRAIN.format(siteId);
    }

    public static String nluTrainSuccess(String siteId) {
        return NLU_TRAIN_SUCCESS.format(siteId);
    }

    // ---- Dialogue manager (section 4) -------------------------------------------------------------

    public static final String DM_START_SESSION = "hermes/dialogueManager/startSession";
    public static final String DM_SESSION_STARTED = "hermes/dialogueManager/sessionStarted";
    public static final String DM_SESSION_QUEUED = "hermes/dialogueManager/sessionQueued";
    public static final String DM_CONTINUE_SESSION = "hermes/dialogueManager/continueSession";
    public static final String DM_END_SESSION = "hermes/dialogueManager/endSession";
    public static final String DM_SESSION_ENDED = "hermes/dialogueManager/sessionEnded";
    public static final String DM_INTENT_NOT_RECOGNIZED = "hermes/dialogueManager/intentNotRecognized";
    public static final String DM_CONFIGURE = "hermes/dialogueManager/configure";

    // ---- ASR (section 5) --------------------------------------------------------------------------

    public static final String ASR_TOGGLE_ON = "hermes/asr/toggleOn";
    public static final String ASR_TOGGLE_OFF = "hermes/asr/toggleOff";
    public static final String ASR_START_LISTENING = "hermes/asr/startListening";
    public static final String ASR_STOP_LISTENING = "hermes/asr/stopListening";
    public static final String ASR_TEXT_CAPTURED = "hermes/asr/textCaptured";
    public static final String ASR_RECORDING_FINISHED = "rhasspy/asr/recordingFinished";

    /** Binary WAV of the spoken command captured on {@code {siteId}} in session {@code {sessionId}}. */
    public static final TopicPattern ASR_AUDIO_CAPTURED =
            TopicPattern.of("rhasspy/asr/{siteId}/{sessionId}/audioCaptured");

    public static final String ASR_AUDIO_CAPTURED_FILTER = ASR_AUDIO_CAPTURED.filter();

    /** Rhasspy ASR training request for {@code {siteId}}. */
    public static final TopicPattern ASR_TRAIN = TopicPattern.of("rhasspy/asr/{siteId}/train");

    public static final String ASR_TRAIN_FILTER = ASR_TRAIN.filter();
    public static final TopicPattern ASR_TRAIN_SUCCESS = TopicPattern.of("rhasspy/asr/{siteId}/trainSuccess");
    public static final String ASR_TRAIN_SUCCESS_FILTER = ASR_TRAIN_SUCCESS.filter();

    public static String asrAudioCaptured(String siteId, String sessionId) {
        return ASR_AUDIO_CAPTURED.format(siteId, sessionId);
    }

    public static String asrTrain(String siteId) {
        return ASR_TRAIN.format(siteId);
    }

    public static String asrTrainSuccess(String siteId) {
        return ASR_TRAIN_SUCCESS.format(siteId);
    }

    // ---- Hotword (section 6) ----------------------------------------------------------------------

    public static final String HOTWORD_TOGGLE_ON = "hermes/hotword/toggleOn";
    public static final String HOTWORD_TOGGLE_OFF = "hermes/hotword/toggleOff";
    public static final String HOTWORD_GET_HOTWORDS = "rhasspy/hotword/getHotwords";
    public static final String HOTWORD_HOTWORDS = "rhasspy/hotword/hotwords";
    public static final String HOTWORD_RECORD_EXAMPLE = "rhasspy/hotword/recordExample";

    /** Wake word {@code {wakewordId}} was heard. */
    public static final TopicPattern HOTWORD_DETECTED = TopicPattern.of("hermes/hotword/{wakewordId}/detected");

    public static final String HOTWORD_DETECTED_FILTER = HOTWORD_DETECTED.filter();

    /** Binary WAV of a wake word example recorded on {@code {siteId}} for request {@code {requestId}}. */
    public static final TopicPattern HOTWORD_EXAMPLE_RECORDED =
            TopicPattern.of("rhasspy/hotword/{siteId}/exampleRecorded/{requestId}");

    public static final String HOTWORD_EXAMPLE_RECORDED_FILTER = HOTWORD_EXAMPLE_RECORDED.filter();

    public static String hotwordDetected(String wakewordId) {
        return HOTWORD_DETECTED.format(wakewordId);
    }

    public static String hotwordExampleRecorded(String siteId, String requestId) {
        return HOTWORD_EXAMPLE_RECORDED.format(siteId, requestId);
    }

    // ---- Other Rhasspy topics (section 7) ---------------------------------------------------------

    public static final String HANDLE_TOGGLE_ON = "rhasspy/handle/toggleOn";
    public static final String HANDLE_TOGGLE_OFF = "rhasspy/handle/toggleOff";
    public static final String G2P_PRONOUNCE = "rhasspy/g2p/pronounce";
    public static final String G2P_PHONEMES = "rhasspy/g2p/phonemes";
    public static final String TRAIN_GET_INTENT_GRAPH = "rhasspy/train/getIntentGraph";

    /** Binary gzipped intent graph answering getIntentGraph {@code id} = {@code {requestId}}. */
    public static final TopicPattern TRAIN_INTENT_GRAPH = TopicPattern.of("rhasspy/train/intentGraph/{requestId}");

    public static final String TRAIN_INTENT_GRAPH_FILTER = TRAIN_INTENT_GRAPH.filter();

    public static String trainIntentGraph(String requestId) {
        return TRAIN_INTENT_GRAPH.format(requestId);
    }

    // ---- Message types ------------------------------------------------------------------------------

    /**
     * The filter that receives messages of {@code type}, for the record types that have one topic (or
     * one pattern): a listener's filter comes from its type. Empty for types used on several topics
     * (the toggles, {@code HermesError}) and for types that are not messages.
     */
    public static Optional<String> filterOf(Class<?> type) {
        return Optional.ofNullable(ByType.FILTERS.get(type));
    }

    private static final class ByType {
        static final Map<Class<?>, String> FILTERS = Map.ofEntries(
                Map.entry(TtsSay.class, TTS_SAY),
                Map.entry(TtsSayFinished.class, TTS_SAY_FINISHED),
                Map.entry(TtsSaySites.class, TTS_SAY_SITES),
                Map.entry(GetVoices.class, TTS_GET_VOICES),
                Map.entry(Voices.class, TTS_VOICES),
                Map.entry(PlayFinished.class, PLAY_FINISHED_FILTER),
                Map.entry(StreamFinished.class, STREAM_FINISHED_FILTER),
                Map.entry(SetVolume.class, AUDIO_SET_VOLUME),
                Map.entry(NluQuery.class, NLU_QUERY),
                Map.entry(NluIntentParsed.class, NLU_INTENT_PARSED),
                Map.entry(NluIntentNotRecognized.class, NLU_INTENT_NOT_RECOGNIZED),
                Map.entry(NluIntent.class, INTENT_FILTER),
                Map.entry(StartSession.class, DM_START_SESSION),
                Map.entry(SessionStarted.class, DM_SESSION_STARTED),
                Map.entry(SessionQueued.class, DM_SESSION_QUEUED),
                Map.entry(ContinueSession.class, DM_CONTINUE_SESSION),
                Map.entry(EndSession.class, DM_END_SESSION),
                Map.entry(SessionEnded.class, DM_SESSION_ENDED),
                Map.entry(DialogueIntentNotRecognized.class, DM_INTENT_NOT_RECOGNIZED),
                Map.entry(DialogueConfigure.class, DM_CONFIGURE),
                Map.entry(NluGrammar.class, NLU_GRAMMAR),
                Map.entry(NluTemplatesSet.class, NLU_TEMPLATES_SET),
                Map.entry(ListeningSites.class, LISTENING_FILTER),
                Map.entry(AsrStartListening.class, ASR_START_LISTENING),
                Map.entry(AsrStopListening.class, ASR_STOP_LISTENING),
                Map.entry(AsrTextCaptured.class, ASR_TEXT_CAPTURED),
                Map.entry(HotwordDetected.class, HOTWORD_DETECTED_FILTER),
                Map.entry(GetHotwords.class, HOTWORD_GET_HOTWORDS),
                Map.entry(Hotwords.class, HOTWORD_HOTWORDS),
                Map.entry(ModuleStatus.class, STATUS_FILTER),
                Map.entry(ChorusError.class, ERROR_FILTER));
    }

    // ---- Error routing ----------------------------------------------------------------------------

    /**
     * The Hermes error topic for a message that failed on {@code topic}, and the payload key (or topic
     * variable) whose value goes into the error's {@code context}. Empty for topics without a Hermes
     * error topic, including the error topics themselves (an error about an error would loop).
     */
    public static Optional<HermesErrorRoute> hermesErrorRoute(String topic) {
        if (topic.startsWith("hermes/error/") || topic.startsWith("rhasspy/error/")) {
            return Optional.empty();
        }
        if (topic.startsWith("hermes/tts/") || topic.startsWith("rhasspy/tts/") || topic.equals(TTS_SAY_SITES)) {
            return route(ERROR_TTS, "id");
        }
        if (PLAY_BYTES.matches(topic) || PLAY_BYTES_STREAMING.matches(topic)) {
            return route(ERROR_AUDIO_SERVER_PLAY, "requestId");
        }
        if (topic.equals(AUDIO_TOGGLE_ON) || topic.equals(AUDIO_TOGGLE_OFF) || topic.equals(AUDIO_SET_VOLUME)) {
            return route(ERROR_AUDIO_SERVER_PLAY, "id");
        }
        if (AUDIO_FRAME.matches(topic) || AUDIO_SESSION_FRAME.matches(topic)) {
            return route(ERROR_AUDIO_SERVER_RECORD, "sessionId");
        }
        if (topic.startsWith("hermes/nlu/") || topic.startsWith("rhasspy/nlu/")) {
            return route(ERROR_NLU, "input");
        }
        if (topic.startsWith("hermes/dialogueManager/")) {
            return route(ERROR_DIALOGUE_MANAGER, "sessionId");
        }
        if (topic.startsWith("hermes/asr/") || topic.startsWith("rhasspy/asr/")) {
            return route(ERROR_ASR, "sessionId");
        }
        if (topic.startsWith("hermes/hotword/") || topic.startsWith("rhasspy/hotword/")) {
            return route(ERROR_HOTWORD, "id");
        }
        if (topic.startsWith("rhasspy/g2p/")) {
            return route(ERROR_G2P, "id");
        }
        return Optional.empty();
    }

    /**
     * The {@code {siteId}} level of a concrete topic, for the catalog topics that have one.
     */
    public static Optional<String> siteIdOf(String topic) {
        for (TopicPattern pattern : patterns()) {
            if (pattern.variables().contains("siteId")) {
                Optional<String> site = pattern.extract(topic, "siteId");
                if (site.isPresent()) {
                    return site;
                }
            }
        }
        return Optional.empty();
    }

    /** The named variable of a concrete topic, from the first catalog pattern that fits the topic and has it. */
    public static Optional<String> variableOf(String topic, String variable) {
        for (TopicPattern pattern : patterns()) {
            if (pattern.variables().contains(variable)) {
                Optional<String> value = pattern.extract(topic, variable);
                if (value.isPresent()) {
                    return value;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every topic of the catalog, fixed topics as they are and variable ones as patterns
     * ({@code hermes/audioServer/{siteId}/playFinished}). Filters are not included.
     */
    public static List<String> catalog() {
        return Catalog.ALL;
    }

    /** Every {@link TopicPattern} of the catalog. */
    public static List<TopicPattern> patterns() {
        return Catalog.PATTERNS;
    }

    private static Optional<HermesErrorRoute> route(String errorTopic, String contextKey) {
        return Optional.of(new HermesErrorRoute(errorTopic, contextKey));
    }

    /** Read once by reflection so that a new constant cannot be forgotten in the list. */
    private static final class Catalog {
        static final List<String> ALL;
        static final List<TopicPattern> PATTERNS;

        static {
            List<String> all = new ArrayList<>();
            List<TopicPattern> patterns = new ArrayList<>();
            for (Field field : Topics.class.getDeclaredFields()) {
                int mod = field.getModifiers();
                if (!Modifier.isPublic(mod) || !Modifier.isStatic(mod)) {
                    continue;
                }
                try {
                    if (field.getType() == TopicPattern.class) {
                        TopicPattern pattern = (TopicPattern) field.get(null);
                        patterns.add(pattern);
                        all.add(pattern.pattern());
                    } else if (field.getType() == String.class
                            && !field.getName().endsWith("_FILTER")) {
                        all.add((String) field.get(null));
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            ALL = Collections.unmodifiableList(all);
            PATTERNS = Collections.unmodifiableList(patterns);
        }
    }
}
