package dev.chorus.dialogue;

import static dev.chorus.dialogue.DialogueFixture.vector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.ContinueSession;
import dev.chorus.protocol.messages.DialogueConfigure;
import dev.chorus.protocol.messages.DialogueConfigure.IntentSwitch;
import dev.chorus.protocol.messages.DialogueIntentNotRecognized;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.protocol.messages.TtsSay;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state machine alone: every event and timeout by hand, every message it sends in order. */
class SiteDialogueTest {

    private static final String UUID = "6c1c5e2a-3b7e-4a50-9d7a-1f2b3c4d5e6f";
    private static final String WAKE_SESSION = "satellite1-porcupine-" + UUID;

    private final DialogueFixture f = new DialogueFixture();

    private static String reason(RecordingOutput.Sent ended) {
        return ended.as(SessionEnded.class).termination().reason();
    }

    @Test
    void wakeWordToAnswerIsTheRhasspySequenceWithTheGoldenPayloads() {
        f.ids.add(UUID);
        f.wake("satellite1", "porcupine");
        assertThat(f.out.last(Topics.DM_SESSION_STARTED).json()).isEqualTo(vector("session_started"));
        assertThat(f.out.last(Topics.ASR_START_LISTENING).json()).isEqualTo(vector("asr_start_listening"));
        assertThat(f.steps())
                .containsExactly(
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        Topics.ASR_START_LISTENING);

        f.text(WAKE_SESSION, "what time is it");
        NluQuery query = f.out.last(Topics.NLU_QUERY).as(NluQuery.class);
        assertThat(query.input()).isEqualTo("what time is it");
        assertThat(query.sessionId()).isEqualTo(WAKE_SESSION);
        assertThat(query.siteId()).isEqualTo("satellite1");
        assertThat(query.wakewordId()).isEqualTo("porcupine");
        assertThat(query.customData()).isEqualTo("porcupine");
        assertThat(query.asrConfidence()).isEqualTo(0.9);
        assertThat(query.intentFilter()).isNull();
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING, "hermes/hotword/toggleOn dialogueSession", Topics.NLU_QUERY);

        f.intent(WAKE_SESSION, "GetTime");
        assertThat(f.steps())
                .as("the dialogue manager never ends a session after an intent")
                .isEmpty();

        f.end(WAKE_SESSION, "It is noon");
        TtsSay say = f.out.last(Topics.TTS_SAY).as(TtsSay.class);
        assertThat(say.text()).isEqualTo("It is noon");
        assertThat(say.siteId()).isEqualTo("satellite1");
        assertThat(say.sessionId()).isEqualTo(WAKE_SESSION);
        assertThat(f.steps())
                .containsExactly("hermes/hotword/toggleOff ttsSay", "hermes/asr/toggleOff ttsSay", Topics.TTS_SAY);

        f.sayFinished();
        assertThat(f.out.last(Topics.DM_SESSION_ENDED).json()).isEqualTo(vector("session_ended"));
        assertThat(f.steps())
                .containsExactly(
                        "hermes/hotword/toggleOn ttsSay",
                        "hermes/asr/toggleOn ttsSay",
                        Topics.DM_SESSION_ENDED,
                        "hermes/hotword/toggleOn dialogueSession");
        assertThat(f.dm.sessionOf("satellite1")).isNull();
        assertThat(f.timers.pending()).isZero();
    }

    @Test
    void startSessionSaysItsTextThenListensWithItsFilter() {
        f.startAction("kitchen", "Which room?", false, List.of("Room"), false);
        assertThat(f.steps())
                .containsExactly(
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        "hermes/hotword/toggleOff ttsSay",
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY);
        f.sayFinished();
        assertThat(f.out.last(Topics.ASR_START_LISTENING)
                        .as(AsrStartListening.class)
                        .intentFilter())
                .containsExactly("Room");
        assertThat(f.steps())
                .containsExactly(
                        "hermes/hotword/toggleOn ttsSay", "hermes/asr/toggleOn ttsSay", Topics.ASR_START_LISTENING);
    }

    @Test
    void intentNotRecognizedEndsTheSession() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.text(id, "blah blah");
        f.steps();
        f.notRecognized(id, "blah blah");
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("intentNotRecognized");
        assertThat(f.steps()).containsExactly(Topics.DM_SESSION_ENDED, "hermes/hotword/toggleOn dialogueSession");
    }

    @Test
    void sendIntentNotRecognizedTellsTheHandlersAndKeepsTheSession() {
        f.ids.add(UUID);
        f.wake("satellite1", "porcupine");
        f.dm.continueSession(new ContinueSession(WAKE_SESSION, null, null, null, true, null, null));
        f.text(WAKE_SESSION, "blah blah");
        f.steps();
        f.notRecognized(WAKE_SESSION, "blah blah");
        DialogueIntentNotRecognized n =
                f.out.last(Topics.DM_INTENT_NOT_RECOGNIZED).as(DialogueIntentNotRecognized.class);
        assertThat(n.input()).isEqualTo("blah blah");
        assertThat(f.steps()).containsExactly(Topics.DM_INTENT_NOT_RECOGNIZED);
        assertThat(f.dm.sessionOf("satellite1")).isEqualTo(WAKE_SESSION);
    }

    @Test
    void intentNotRecognizedPayloadMatchesTheGoldenVectorShape() {
        f.ids.add(UUID);
        f.wake("satellite1", "porcupine");
        f.dm.continueSession(new ContinueSession(WAKE_SESSION, null, null, null, true, null, null));
        f.text(WAKE_SESSION, "blah blah");
        f.notRecognized(WAKE_SESSION, "blah blah");
        // the vector's session has no custom data; a wake word session carries its wake word there
        assertThat(f.out.last(Topics.DM_INTENT_NOT_RECOGNIZED).json())
                .isEqualTo(vector("dialogue_intent_not_recognized").replace("null}", "\"porcupine\"}"));
    }

    @Test
    void emptyTextCapturedIsNotRecognisedWithoutAskingTheNlu() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.steps();
        f.text(id, "  ");
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("intentNotRecognized");
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING,
                        "hermes/hotword/toggleOn dialogueSession",
                        Topics.DM_SESSION_ENDED,
                        "hermes/hotword/toggleOn dialogueSession");
    }

    @Test
    void aSessionNobodyEndsTimesOut() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.text(id, "what time is it");
        f.intent(id, "GetTime");
        f.steps();
        f.timers.advance(Duration.ofSeconds(29));
        assertThat(f.steps()).isEmpty();
        f.timers.advance(Duration.ofSeconds(1));
        assertThat(f.out.all()).hasSize(2);
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("timeout");
    }

    @Test
    void listeningThatNeverHearsAnythingTimesOutAndStopsTheAsr() {
        f.startAction("kitchen", null, false, null, false);
        f.steps();
        f.timers.advance(Duration.ofSeconds(30));
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING, Topics.DM_SESSION_ENDED, "hermes/hotword/toggleOn dialogueSession");
    }

    @Test
    void anAsrErrorAboutTheSessionEndsItWithError() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.steps();
        f.dm.componentError(Topics.ERROR_ASR, new HermesError("decoder failed", "kitchen", null, id));
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("error");
        f.dm.componentError(Topics.ERROR_ASR, new HermesError("late", "kitchen", null, id));
        assertThat(f.out.on(Topics.DM_SESSION_ENDED)).hasSize(1);
    }

    @Test
    void theWakeWordOnABusySiteAbortsItsSessionAndStartsANewOne() {
        f.startAction("kitchen", null, false, null, false);
        String first = f.dm.sessionOf("kitchen");
        f.steps();
        f.wake("kitchen", "jarvis");
        assertThat(f.out.on(Topics.DM_SESSION_ENDED)
                        .get(0)
                        .as(SessionEnded.class)
                        .sessionId())
                .isEqualTo(first);
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("abortedByUser");
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING,
                        Topics.DM_SESSION_ENDED,
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        Topics.ASR_START_LISTENING);
        assertThat(f.dm.sessionOf("kitchen")).startsWith("kitchen-jarvis-");
    }

    @Test
    void aNonEnqueueableStartSessionAbortsTheBusySite() {
        f.startAction("kitchen", null, false, null, false);
        String first = f.dm.sessionOf("kitchen");
        f.startAction("kitchen", null, false, null, false);
        assertThat(f.out.last(Topics.DM_SESSION_ENDED).as(SessionEnded.class))
                .isEqualTo(new SessionEnded(new SessionEnded.Termination("abortedByUser"), first, "kitchen", "cd"));
        assertThat(f.dm.sessionOf("kitchen")).isNotEqualTo(first).isNotNull();
    }

    @Test
    void anEnqueueableStartSessionWaitsForTheSiteToFree() {
        f.ids.add("first");
        f.startAction("satellite1", null, false, null, false);
        f.ids.add("0f5e8a3c-7d2b-4f1a-8c9e-2a3b4c5d6e7f");
        f.dm.startSession(new StartSession(
                new SessionInit.Action(true, "action", "Queued", null, false), "satellite1", null, null));
        assertThat(f.out.last(Topics.DM_SESSION_QUEUED).json()).isEqualTo(vector("session_queued"));
        assertThat(f.dm.sessionOf("satellite1")).isEqualTo("first");
        assertThat(f.dm.openSessions()).as("the metrics' open sessions").isEqualTo(1);
        assertThat(f.dm.queuedSessions()).as("the metrics' queued sessions").isEqualTo(1);
        f.steps();

        f.end("first", null);
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING,
                        Topics.DM_SESSION_ENDED,
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        "hermes/hotword/toggleOff ttsSay",
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY);
        assertThat(f.dm.sessionOf("satellite1")).isEqualTo("0f5e8a3c-7d2b-4f1a-8c9e-2a3b4c5d6e7f");
        assertThat(f.dm.openSessions()).isEqualTo(1);
        assertThat(f.dm.queuedSessions()).isZero();
    }

    @Test
    void aNotificationOnAnIdleSiteIsASessionThatSpeaksAndEnds() {
        f.notify("hall", "Dinner is ready");
        SessionStarted started = f.out.last(Topics.DM_SESSION_STARTED).as(SessionStarted.class);
        assertThat(f.lastSayId()).isNotNull();
        assertThat(f.out.last(Topics.TTS_SAY).as(TtsSay.class).sessionId()).isEqualTo(started.sessionId());
        f.sayFinished();
        assertThat(f.steps())
                .containsExactly(
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff ttsSay",
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY,
                        "hermes/hotword/toggleOn ttsSay",
                        "hermes/asr/toggleOn ttsSay",
                        Topics.DM_SESSION_ENDED,
                        "hermes/hotword/toggleOn dialogueSession");
    }

    @Test
    void aNotificationOnABusySiteIsSaidInTheCurrentSessionWhichThenEnds() {
        f.startAction("hall", null, false, null, false);
        String current = f.dm.sessionOf("hall");
        f.steps();
        f.notify("hall", "The door is open");
        assertThat(f.out.last(Topics.TTS_SAY).as(TtsSay.class).sessionId()).isEqualTo(current);
        f.sayFinished();
        assertThat(f.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING,
                        "hermes/hotword/toggleOff ttsSay",
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY,
                        "hermes/hotword/toggleOn ttsSay",
                        "hermes/asr/toggleOn ttsSay",
                        Topics.DM_SESSION_ENDED,
                        "hermes/hotword/toggleOn dialogueSession");
        assertThat(f.out.all()).isEmpty();
    }

    @Test
    void continueSessionSpeaksThenListensWithTheNewFilterWhichTheQueryCarries() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.text(id, "set a timer");
        f.intent(id, "SetTimer");
        f.steps();
        f.continueWith(id, "For how long?", List.of("TimerLength"));
        assertThat(f.steps())
                .containsExactly(
                        "hermes/hotword/toggleOff dialogueSession",
                        "hermes/hotword/toggleOff ttsSay",
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY);
        f.sayFinished();
        assertThat(f.out.last(Topics.ASR_START_LISTENING)
                        .as(AsrStartListening.class)
                        .intentFilter())
                .containsExactly("TimerLength");
        f.text(id, "five minutes");
        assertThat(f.out.last(Topics.NLU_QUERY).as(NluQuery.class).intentFilter())
                .containsExactly("TimerLength");
    }

    @Test
    void configureSetsTheDefaultFilterAndASessionFilterWins() {
        f.dm.configure(new DialogueConfigure(
                List.of(new IntentSwitch("GetTime", true), new IntentSwitch("GetTemperature", false)), "kitchen"));
        f.startAction("hall", null, false, null, false);
        assertThat(f.out.last(Topics.ASR_START_LISTENING)
                        .as(AsrStartListening.class)
                        .intentFilter())
                .as("global, whatever the configure's siteId")
                .containsExactly("GetTime");
        f.startAction("attic", null, false, List.of("Lights"), false);
        assertThat(f.out.last(Topics.ASR_START_LISTENING)
                        .as(AsrStartListening.class)
                        .intentFilter())
                .containsExactly("Lights");

        f.dm.configure(new DialogueConfigure(List.of(new IntentSwitch("GetTime", false)), null));
        assertThat(f.dm.defaultFilter())
                .as("only disabling removes the filter (Rhasspy)")
                .isNull();
    }

    @Test
    void aSayFinishedThatNeverComesDoesNotHangTheSession() {
        f.startAction("kitchen", "Which room?", false, null, false);
        f.steps();
        f.timers.advance(Duration.ofMillis(9_999));
        assertThat(f.steps()).isEmpty();
        f.timers.advance(Duration.ofMillis(1));
        assertThat(f.steps())
                .containsExactly(
                        "hermes/hotword/toggleOn ttsSay", "hermes/asr/toggleOn ttsSay", Topics.ASR_START_LISTENING);
        f.sayFinished(); // late: ignored
        assertThat(f.steps()).isEmpty();
    }

    @Test
    void theSayTimeoutGrowsWithTheText() {
        String text = "word ".repeat(60); // 300 characters: 20 s at 15 characters per second
        f.startAction("kitchen", text, false, null, false);
        f.steps();
        f.timers.advance(Duration.ofSeconds(19));
        assertThat(f.steps()).isEmpty();
        f.timers.advance(Duration.ofSeconds(1));
        assertThat(f.steps()).contains(Topics.ASR_START_LISTENING);
    }

    @Test
    void aLongSayNeverCountsAgainstTheSessionTimeout() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.timers.advance(Duration.ofSeconds(20));
        f.end(id, "word ".repeat(200)); // may take 67 s
        f.timers.advance(Duration.ofSeconds(60));
        assertThat(f.out.on(Topics.DM_SESSION_ENDED)).isEmpty();
        f.sayFinished();
        assertThat(reason(f.out.last(Topics.DM_SESSION_ENDED))).isEqualTo("nominal");
    }

    @Test
    void twoSitesAreIndependent() {
        f.startAction("kitchen", null, false, null, false);
        f.startAction("hall", null, false, null, false);
        String kitchen = f.dm.sessionOf("kitchen");
        String hall = f.dm.sessionOf("hall");
        assertThat(kitchen).isNotEqualTo(hall);
        f.steps();

        f.text(hall, "what time is it");
        f.end(kitchen, "Bye kitchen");
        assertThat(f.out.last(Topics.NLU_QUERY).as(NluQuery.class).siteId()).isEqualTo("hall");
        assertThat(f.out.last(Topics.TTS_SAY).as(TtsSay.class).siteId()).isEqualTo("kitchen");
        f.sayFinished();
        assertThat(f.out.last(Topics.DM_SESSION_ENDED).as(SessionEnded.class).siteId())
                .isEqualTo("kitchen");
        assertThat(f.dm.sessionOf("hall")).isEqualTo(hall);
        assertThat(f.out.all())
                .filteredOn(s -> s.message() instanceof ReasonToggle)
                .extracting(s -> ((ReasonToggle) s.message()).siteId())
                .containsOnly("hall", "kitchen");
    }

    @Test
    void theWakeWordDuringASayStopsTheSiteAndStartsANewSession() {
        f.startAction("kitchen", null, false, null, false);
        String id = f.dm.sessionOf("kitchen");
        f.end(id, "A very long answer");
        f.steps();
        f.wake("kitchen", "jarvis");
        assertThat(f.out.on(Topics.AUDIO_SERVER_STOP_FILTER))
                .singleElement()
                .satisfies(s -> assertThat(s.topic()).isEqualTo("chorus/audioServer/kitchen/stop"));
        assertThat(f.steps())
                .containsExactly(
                        "chorus/audioServer/kitchen/stop",
                        "hermes/hotword/toggleOn ttsSay",
                        "hermes/asr/toggleOn ttsSay",
                        Topics.DM_SESSION_ENDED,
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        Topics.ASR_START_LISTENING);
        f.timers.advance(Duration.ofSeconds(15));
        assertThat(f.steps()).as("the abandoned say's timeout does nothing").isEmpty();
    }

    @Test
    void withBargeInTheWakeWordStaysOnWhileTheSiteSpeaks() {
        DialogueFixture b = new DialogueFixture(DialogueFixture.settings(true), FeedbackSounds.none());
        b.notify("hall", "Hello");
        b.sayFinished();
        assertThat(b.steps())
                .containsExactly(
                        Topics.DM_SESSION_STARTED,
                        "hermes/asr/toggleOff ttsSay",
                        Topics.TTS_SAY,
                        "hermes/asr/toggleOn ttsSay",
                        Topics.DM_SESSION_ENDED,
                        "hermes/hotword/toggleOn dialogueSession");
    }

    @Test
    void messagesForUnknownSessionsAreIgnored() {
        f.startAction("kitchen", null, false, null, false);
        f.steps();
        f.end("nope", "x");
        f.continueWith("nope", "x", null);
        f.text("nope", "x");
        f.text(null, "x");
        f.notRecognized("nope", "x");
        f.intent("nope", "X");
        f.dm.sayFinished("nope");
        f.dm.playFinished("kitchen", "nope");
        assertThat(f.steps()).isEmpty();
    }

    @Test
    void feedbackSoundsPlayOnWakeAndAfterListeningEachBounded() {
        byte[] wav = Wav.write(PcmFormat.mono16(16000), new byte[3200]); // 100 ms
        FeedbackSounds.Sound start = new FeedbackSounds.Sound("start.wav", wav, Duration.ofMillis(100));
        FeedbackSounds.Sound end = new FeedbackSounds.Sound("end.wav", wav, Duration.ofMillis(100));
        DialogueFixture s = new DialogueFixture(
                DialogueFixture.settings(false), new FeedbackSounds(Optional.of(start), Optional.of(end)));
        s.wake("kitchen", "jarvis");
        String id = s.dm.sessionOf("kitchen");
        RecordingOutput.Sent play = s.out.last(Topics.PLAY_BYTES_FILTER);
        assertThat(play.payload()).isEqualTo(wav);
        String playId = Topics.PLAY_BYTES.extract(play.topic(), "requestId").orElseThrow();
        assertThat(s.steps())
                .containsExactly(
                        Topics.DM_SESSION_STARTED,
                        "hermes/hotword/toggleOff dialogueSession",
                        "hermes/hotword/toggleOff playAudio",
                        "hermes/asr/toggleOff playAudio",
                        Topics.playBytes("kitchen", playId));
        s.dm.playFinished("hall", playId); // another site's: not ours
        assertThat(s.steps()).isEmpty();
        s.dm.playFinished("kitchen", playId);
        assertThat(s.steps())
                .containsExactly(
                        "hermes/hotword/toggleOn playAudio",
                        "hermes/asr/toggleOn playAudio",
                        Topics.ASR_START_LISTENING);

        s.text(id, "what time is it");
        String endId = Topics.PLAY_BYTES
                .extract(s.out.last(Topics.PLAY_BYTES_FILTER).topic(), "requestId")
                .orElseThrow();
        assertThat(endId).isNotEqualTo(playId);
        assertThat(s.steps())
                .containsExactly(
                        Topics.ASR_STOP_LISTENING,
                        "hermes/hotword/toggleOn dialogueSession",
                        "hermes/hotword/toggleOff playAudio",
                        "hermes/asr/toggleOff playAudio",
                        Topics.playBytes("kitchen", endId),
                        Topics.NLU_QUERY);
        s.timers.advance(Duration.ofMillis(1_099));
        assertThat(s.steps())
                .as("the end sound's toggles wait for its playFinished up to the sound's length + 1 s")
                .isEmpty();
        s.timers.advance(Duration.ofMillis(1));
        assertThat(s.steps()).containsExactly("hermes/hotword/toggleOn playAudio", "hermes/asr/toggleOn playAudio");
    }

    @Test
    void theEndSoundPlaysWhileTheNluWorksAndItsPlayFinishedSwitchesTheComponentsBackOn() {
        byte[] wav = Wav.write(PcmFormat.mono16(16000), new byte[3200]);
        FeedbackSounds.Sound end = new FeedbackSounds.Sound("end.wav", wav, Duration.ofMillis(100));
        DialogueFixture s = new DialogueFixture(
                DialogueFixture.settings(false), new FeedbackSounds(Optional.empty(), Optional.of(end)));
        s.wake("kitchen", "jarvis");
        String id = s.dm.sessionOf("kitchen");
        s.steps();
        s.text(id, "what time is it");
        String endId = Topics.PLAY_BYTES
                .extract(s.out.last(Topics.PLAY_BYTES_FILTER).topic(), "requestId")
                .orElseThrow();
        assertThat(s.steps()).endsWith(Topics.playBytes("kitchen", endId), Topics.NLU_QUERY);
        s.intent(id, "GetTime");
        s.end(id, "It is six");
        assertThat(s.steps()).contains(Topics.TTS_SAY);
        s.dm.playFinished("kitchen", endId);
        assertThat(s.steps()).containsExactly("hermes/hotword/toggleOn playAudio", "hermes/asr/toggleOn playAudio");
        s.dm.playFinished("kitchen", endId);
        assertThat(s.steps()).as("a second playFinished changes nothing").isEmpty();
        s.timers.advance(Duration.ofSeconds(2));
        assertThat(s.steps())
                .as("nor does the sound's timeout once it has played")
                .isEmpty();
    }

    @Test
    void releasingSitesSwitchesBothComponentsOnForEveryReasonTheDialogueUses() {
        f.dm.releaseSites(List.of("porch"));
        assertThat(f.steps())
                .containsExactly(
                        "hermes/hotword/toggleOn dialogueSession",
                        "hermes/asr/toggleOn dialogueSession",
                        "hermes/hotword/toggleOn ttsSay",
                        "hermes/asr/toggleOn ttsSay",
                        "hermes/hotword/toggleOn playAudio",
                        "hermes/asr/toggleOn playAudio");
        assertThat(f.out.all()).isEmpty();
    }

    @Test
    void theGoldenInputsAreUnderstood() throws Exception {
        f.dm.configure(DialogueFixture.CODEC.decode(vector("dialogue_configure"), DialogueConfigure.class));
        assertThat(f.dm.defaultFilter()).containsExactly("GetTime");

        f.dm.hotwordDetected(
                "porcupine", DialogueFixture.CODEC.decode(vector("hotword_detected"), HotwordDetected.class));
        assertThat(f.dm.sessionOf("satellite1")).startsWith("satellite1-porcupine-");

        f.dm.startSession(DialogueFixture.CODEC.decode(vector("dialogue_start_session"), StartSession.class));
        assertThat(f.out.last(Topics.TTS_SAY).as(TtsSay.class).text()).isEqualTo("Ready");
        assertThat(f.out.last(Topics.DM_SESSION_STARTED)
                        .as(SessionStarted.class)
                        .siteId())
                .isEqualTo("livingroom");

        f.steps();
        f.dm.continueSession(DialogueFixture.CODEC.decode(vector("dialogue_continue_session"), ContinueSession.class));
        f.dm.endSession(DialogueFixture.CODEC.decode(vector("dialogue_end_session"), EndSession.class));
        assertThat(f.steps()).as("session foobar does not exist").isEmpty();
    }
}
