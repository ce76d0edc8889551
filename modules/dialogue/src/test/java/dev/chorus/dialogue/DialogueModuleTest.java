package dev.chorus.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.dialogue.hermes.DialogueService;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module on the real broker with the repo's ACL. Fakes play the tts, audio and nlu modules and the asr and
 * wake word services (their principals get test-only ACL lines until their modules add theirs); an operator client
 * plays the intent handler and watches.
 */
@Timeout(120)
class DialogueModuleTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl(
            "wake pub hermes/hotword/+/detected",
            "wake sub hermes/hotword/#",
            "asr sub hermes/asr/#",
            "asr pub hermes/asr/textCaptured",
            "asr pub hermes/error/asr");

    @TempDir
    Path sounds;

    /**
     * A data folder per test: what one test leaves there (known sites, sessions left open) would otherwise be
     * released or ended by the next test's start.
     */
    @TempDir
    Path data;

    private FakeModule tts;
    private FakeModule audio;
    private FakeModule asr;
    private FakeModule nlu;
    private FakeModule wake;
    private TestMqttClient watch;
    private TestMqttClient handler;

    /** What the fake asr "hears" per site; a site without an entry hears nothing (empty textCaptured). */
    private final Map<String, String> spoken = new ConcurrentHashMap<>();
    /** What the fake asr "hears" when it fails instead. */
    private static final String ASR_FAILS = "!error";
    /** Says with this text get no sayFinished. */
    private volatile String mute = "\u0000";

    @BeforeEach
    void fakes() {
        tts = FakeModule.start(BROKER, "tts");
        tts.on(Topics.TTS_SAY, m -> {
            TtsSay say = m.json(TtsSay.class);
            if (!say.text().equals(mute)) {
                tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished(say.siteId(), say.id(), say.sessionId()));
            }
        });
        audio = FakeModule.start(BROKER, "audio");
        audio.on(Topics.PLAY_BYTES_FILTER, m -> {
            String site = Topics.PLAY_BYTES.extract(m.topic(), "siteId").orElseThrow();
            String id = Topics.PLAY_BYTES.extract(m.topic(), "requestId").orElseThrow();
            audio.publishJson(Topics.playFinished(site), new PlayFinished(id, id));
        });
        audio.on(Topics.AUDIO_SERVER_STOP_FILTER, m -> {});
        asr = FakeModule.start(BROKER, "asr");
        asr.on(Topics.ASR_START_LISTENING, m -> {
            AsrStartListening start = m.json(AsrStartListening.class);
            String text = spoken.getOrDefault(start.siteId(), "");
            if (text.equals(ASR_FAILS)) {
                asr.publishJson(
                        Topics.ERROR_ASR, new HermesError("no decoder", start.siteId(), null, start.sessionId()));
                return;
            }
            asr.publishJson(
                    Topics.ASR_TEXT_CAPTURED,
                    new AsrTextCaptured(
                            text, 0.8, 1.0, start.siteId(), start.sessionId(), start.wakewordId(), null, null));
        });
        nlu = FakeModule.start(BROKER, "nlu");
        nlu.on(Topics.NLU_QUERY, m -> {
            NluQuery q = m.json(NluQuery.class);
            if (q.input().equals("what time is it")) {
                nlu.publishJson(
                        Topics.intent("GetTime"),
                        new NluIntent(
                                q.input(),
                                new Intent("GetTime", 1.0),
                                q.siteId(),
                                q.id(),
                                List.of(),
                                q.sessionId(),
                                q.customData(),
                                null,
                                q.asrConfidence(),
                                null,
                                q.wakewordId(),
                                null));
            } else {
                nlu.publishJson(
                        Topics.NLU_INTENT_NOT_RECOGNIZED,
                        new NluIntentNotRecognized(q.input(), q.siteId(), q.id(), q.customData(), q.sessionId()));
            }
        });
        wake = FakeModule.start(BROKER, "wake");
        watch = TestMqttClient.connect(BROKER, "operator").subscribe("hermes/#", "chorus/error/dialogue");
        handler = TestMqttClient.connect(BROKER, "operator");
    }

    @AfterEach
    void close() {
        for (AutoCloseable c : new AutoCloseable[] {handler, watch, wake, nlu, asr, audio, tts}) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the next one matters more
            }
        }
    }

    private ModuleHarness dialogue() {
        return ModuleHarness.of("dialogue", BROKER)
                .env(DialogueSettingsLoader.SOUNDS_DIR, sounds.toString())
                .env(EnvVars.DATA_DIR, data.toString());
    }

    private void wakeUp(String site) {
        wake.publishJson(
                Topics.hotwordDetected("jarvis"),
                new HotwordDetected("jarvis", null, null, null, site, null, null, null, null, null));
    }

    private void wakeUp(String site, double score) {
        wake.publishJson(
                Topics.hotwordDetected("jarvis"),
                new HotwordDetected("jarvis", null, null, null, site, null, null, null, null, score));
    }

    private TestMqttClient.Received ended(String sessionId) {
        return watch.await(
                Topics.DM_SESSION_ENDED,
                m -> m.json(SessionEnded.class).sessionId().equals(sessionId));
    }

    private String startedOn(String site) {
        return watch.await(
                        Topics.DM_SESSION_STARTED,
                        m -> m.json(SessionStarted.class).siteId().equals(site))
                .json(SessionStarted.class)
                .sessionId();
    }

    private static Predicate<TestMqttClient.Received> site(String site) {
        return m -> m.json(ReasonToggle.class).siteId().equals(site);
    }

    @Test
    void twoSitesOfAWakeGroupHearOneWordAndOnlyTheBestStartsASession() {
        // a window far longer than the test: the round ends because both sites of the group reported
        try (ApplicationContext ctx = dialogue()
                .env(DialogueSettingsLoader.WAKE_GROUPS, "kitchen+livingroom")
                .env(DialogueSettingsLoader.WAKE_WINDOW, "10s")
                .startConnected()) {
            wakeUp("kitchen", 0.61);
            wakeUp("livingroom", 0.93);
            String id = startedOn("livingroom");
            assertThat(id).startsWith("livingroom-jarvis-");

            // a site in no group starts at once; its sessionStarted comes after anything the pair could have caused
            wakeUp("garage");
            startedOn("garage");
            assertThat(watch.received(Topics.DM_SESSION_STARTED))
                    .extracting(m -> m.json(SessionStarted.class).siteId())
                    .containsExactly("livingroom", "garage");
            assertThat(watch.received(Topics.ASR_START_LISTENING))
                    .extracting(m -> m.json(AsrStartListening.class).siteId())
                    .doesNotContain("kitchen");
        }
    }

    @Test
    void aWakeWordGoesThroughAsrNluAndTheHandlerToTheAnswer() {
        spoken.put("kitchen", "what time is it");
        try (ApplicationContext ctx = dialogue().startConnected()) {
            handler.subscribe(Topics.intent("GetTime"));
            wakeUp("kitchen");
            String id = startedOn("kitchen");
            assertThat(id).startsWith("kitchen-jarvis-");
            // the gauge (docs/configuration.md, "Metrics")
            await().until(() -> ctx.getBean(MeterRegistry.class)
                            .get("chorus.dialogue.sessions")
                            .gauge()
                            .value()
                    == 1);

            NluIntent intent = handler.await(Topics.intent("GetTime")).json(NluIntent.class);
            assertThat(intent.sessionId()).isEqualTo(id);
            handler.publishJson(Topics.DM_END_SESSION, new EndSession(id, "It is noon", null));

            SessionEnded end = ended(id).json(SessionEnded.class);
            assertThat(end.termination().reason()).isEqualTo("nominal");
            assertThat(end.siteId()).isEqualTo("kitchen");
            TtsSay say = watch.await(Topics.TTS_SAY).json(TtsSay.class);
            assertThat(say.text()).isEqualTo("It is noon");
            assertThat(say.siteId()).isEqualTo("kitchen");
            // toggled off while speaking, on again after sayFinished
            watch.await(
                    Topics.HOTWORD_TOGGLE_OFF,
                    m -> m.json(ReasonToggle.class).reason().equals("ttsSay"));
            watch.await(
                    Topics.ASR_TOGGLE_OFF,
                    m -> m.json(ReasonToggle.class).reason().equals("ttsSay"));
            watch.await(
                    Topics.HOTWORD_TOGGLE_ON,
                    m -> m.json(ReasonToggle.class).reason().equals("ttsSay"));
            watch.await(
                    Topics.ASR_TOGGLE_ON,
                    m -> m.json(ReasonToggle.class).reason().equals("ttsSay"));
            watch.await(
                    Topics.HOTWORD_TOGGLE_ON,
                    m -> m.json(ReasonToggle.class).reason().equals("dialogueSession"));
        }
    }

    @Test
    void twoSitesAtOnceEachGetTheirOwnAnswerAndNothingOfTheOther() {
        spoken.put("kitchen", "what time is it");
        spoken.put("hall", "what time is it");
        try (ApplicationContext ctx = dialogue().startConnected()) {
            handler.subscribe(Topics.INTENT_FILTER);
            wakeUp("kitchen");
            wakeUp("hall");
            List<TestMqttClient.Received> intents = handler.awaitCount(Topics.INTENT_FILTER, 2);
            for (TestMqttClient.Received m : intents) {
                NluIntent i = m.json(NluIntent.class);
                handler.publishJson(Topics.DM_END_SESSION, new EndSession(i.sessionId(), "Hi " + i.siteId(), null));
            }
            List<TestMqttClient.Received> ends = watch.awaitCount(Topics.DM_SESSION_ENDED, 2);
            assertThat(ends)
                    .extracting(m -> m.json(SessionEnded.class).termination().reason())
                    .containsOnly("nominal");
            List<TtsSay> says = watch.awaitCount(Topics.TTS_SAY, 2).stream()
                    .map(m -> m.json(TtsSay.class))
                    .toList();
            assertThat(says).allSatisfy(s -> assertThat(s.text()).isEqualTo("Hi " + s.siteId()));
            assertThat(says).extracting(TtsSay::siteId).containsExactlyInAnyOrder("kitchen", "hall");
            for (TestMqttClient.Received m : ends) {
                SessionEnded e = m.json(SessionEnded.class);
                assertThat(e.sessionId()).startsWith(e.siteId() + "-jarvis-");
            }
        }
    }

    @Test
    void nobodySpeakingEndsTheSessionAsNotRecognised() {
        try (ApplicationContext ctx = dialogue().startConnected()) {
            watch.publishJson(
                    Topics.DM_START_SESSION,
                    new StartSession(new SessionInit.Action(false, "action", null, null, false), "attic", "x", null));
            String id = startedOn("attic");
            assertThat(ended(id).json(SessionEnded.class).termination().reason())
                    .isEqualTo("intentNotRecognized");
            assertThat(watch.received(Topics.NLU_QUERY)).isEmpty();
        }
    }

    @Test
    void aSessionNobodyEndsTimesOut() {
        spoken.put("kitchen", "what time is it");
        try (ApplicationContext ctx =
                dialogue().env(DialogueSettingsLoader.SESSION_TIMEOUT, "1s").startConnected()) {
            wakeUp("kitchen");
            String id = startedOn("kitchen");
            watch.await(Topics.intent("GetTime"));
            assertThat(ended(id).json(SessionEnded.class).termination().reason())
                    .isEqualTo("timeout");
        }
    }

    @Test
    void aSayFinishedThatNeverComesDoesNotHangTheSession() {
        mute = "Which room?";
        try (ApplicationContext ctx =
                dialogue().env(DialogueSettingsLoader.SAY_TIMEOUT_MIN, "500ms").startConnected()) {
            watch.publishJson(
                    Topics.DM_START_SESSION,
                    new StartSession(
                            new SessionInit.Action(false, "action", "Which room?", null, false), "attic", null, null));
            String id = startedOn("attic");
            watch.await(
                    Topics.ASR_START_LISTENING,
                    m -> m.json(AsrStartListening.class).sessionId().equals(id));
            watch.await(
                    Topics.HOTWORD_TOGGLE_ON,
                    m -> m.json(ReasonToggle.class).reason().equals("ttsSay"));
        }
    }

    @Test
    void theWakeWordDuringASayStopsTheSiteAndStartsANewSession() {
        mute = "A long story";
        try (ApplicationContext ctx = dialogue().startConnected()) {
            TestMqttClient stops =
                    TestMqttClient.connect(BROKER, "operator").subscribe(Topics.AUDIO_SERVER_STOP_FILTER);
            try (stops) {
                watch.publishJson(
                        Topics.DM_START_SESSION,
                        new StartSession(new SessionInit.Notification("A long story"), "kitchen", null, null));
                String story = startedOn("kitchen");
                watch.await(Topics.TTS_SAY);
                wakeUp("kitchen");
                stops.await(Topics.audioServerStop("kitchen"));
                assertThat(ended(story).json(SessionEnded.class).termination().reason())
                        .isEqualTo("abortedByUser");
                watch.await(
                        Topics.DM_SESSION_STARTED,
                        m -> m.json(SessionStarted.class).sessionId().startsWith("kitchen-jarvis-"));
            }
        }
    }

    @Test
    void feedbackSoundsArePlayedOnTheSiteFromTheSoundsFolder() throws IOException {
        byte[] beep = Wav.write(PcmFormat.mono16(16000), new byte[3200]);
        Files.write(sounds.resolve(FeedbackSounds.START_FILE), beep);
        Files.write(sounds.resolve(FeedbackSounds.END_FILE), beep);
        spoken.put("kitchen", "blah");
        try (ApplicationContext ctx = dialogue().startConnected()) {
            wakeUp("kitchen");
            String id = startedOn("kitchen");
            List<TestMqttClient.Received> plays = watch.awaitCount(Topics.PLAY_BYTES_FILTER, 2);
            assertThat(plays).allSatisfy(p -> {
                assertThat(p.topic()).startsWith("hermes/audioServer/kitchen/playBytes/");
                assertThat(p.payload()).isEqualTo(beep);
            });
            assertThat(ended(id).json(SessionEnded.class).termination().reason())
                    .isEqualTo("intentNotRecognized");
        }
    }

    @Test
    void badPayloadsAreReportedAndTheModuleKeepsServing() {
        try (ApplicationContext ctx = dialogue().startConnected()) {
            watch.publish(Topics.DM_START_SESSION, "not json");
            watch.publish(Topics.DM_START_SESSION, "{\"init\": {\"text\": \"no type\"}}");
            watch.publish(Topics.DM_END_SESSION, "{\"text\": \"no sessionId\"}");
            watch.publish(Topics.DM_CONTINUE_SESSION, "{\"sessionId\": 5, \"intentFilter\": \"x\"}");
            watch.publish(Topics.DM_CONFIGURE, "{\"intents\": [{\"intentId\": \"A\"}]}");
            watch.publish(Topics.ASR_TEXT_CAPTURED, "{\"text\": 1}");
            watch.publishJson(Topics.DM_END_SESSION, new EndSession("unknown-session", "hi", null));
            List<TestMqttClient.Received> errors = watch.awaitCount(Topics.ERROR_DIALOGUE_MANAGER, 5);
            assertThat(errors)
                    .allSatisfy(
                            e -> assertThat(e.json(HermesError.class).error()).isNotBlank());
            watch.awaitCount("chorus/error/dialogue", 6);

            watch.publishJson(
                    Topics.DM_START_SESSION,
                    new StartSession(new SessionInit.Notification("Still here"), "hall", null, null));
            String id = startedOn("hall");
            assertThat(ended(id).json(SessionEnded.class).termination().reason())
                    .isEqualTo("nominal");
            assertThat(watch.received(Topics.TTS_SAY))
                    .extracting(m -> m.json(TtsSay.class).text())
                    .containsExactly("Still here");
        }
    }

    @Test
    void anAsrErrorAboutTheSessionEndsItWithError() {
        spoken.put("cellar", ASR_FAILS);
        try (ApplicationContext ctx = dialogue().startConnected()) {
            wakeUp("cellar");
            String id = startedOn("cellar");
            assertThat(ended(id).json(SessionEnded.class).termination().reason())
                    .isEqualTo("error");
        }
    }

    @Test
    void aRestartSwitchesTheWakeWordAndAsrOfTheKnownSitesBackOn() {
        mute = "Interrupted by a restart";
        ModuleHarness dialogue = dialogue();
        try (ApplicationContext ctx = dialogue.startConnected()) {
            watch.publishJson(
                    Topics.DM_START_SESSION,
                    new StartSession(new SessionInit.Notification("Interrupted by a restart"), "porch", null, null));
            watch.await(Topics.HOTWORD_TOGGLE_OFF, site("porch"));
        }
        watch.clear();
        try (ApplicationContext ctx = dialogue.startConnected()) {
            for (String reason : List.of("dialogueSession", "ttsSay", "playAudio")) {
                watch.await(
                        Topics.HOTWORD_TOGGLE_ON,
                        site("porch")
                                .and(m -> m.json(ReasonToggle.class).reason().equals(reason)));
                watch.await(
                        Topics.ASR_TOGGLE_ON,
                        site("porch")
                                .and(m -> m.json(ReasonToggle.class).reason().equals(reason)));
            }
        }
    }
    /** Issue 12: a session open when the module dies ends, at the next start, with reason error. */
    @Test
    void aSessionOpenWhenTheModuleStopsEndsWithAnErrorAtTheNextStart() {
        mute = "Open when the module dies";
        ModuleHarness dialogue = dialogue();
        String id;
        try (ApplicationContext ctx = dialogue.startConnected()) {
            watch.publishJson(
                    Topics.DM_START_SESSION, new StartSession(new SessionInit.Notification(mute), "attic", null, null));
            id = startedOn("attic");
            // recorded before its sessionStarted went out
            assertThat(ctx.getBean(DialogueService.class).recordedOpen()).isEqualTo(1);
        }
        // the close stands for a kill here: it ends no session, the sessions live in memory only
        assertThat(watch.received(Topics.DM_SESSION_ENDED)).isEmpty();
        watch.clear();
        try (ApplicationContext ctx = dialogue.startConnected()) {
            SessionEnded ended = ended(id).json(SessionEnded.class);
            assertThat(ended.termination().reason()).isEqualTo("error");
            assertThat(ended.siteId()).isEqualTo("attic");
            for (String filter : List.of(Topics.HOTWORD_TOGGLE_ON, Topics.ASR_TOGGLE_ON)) {
                watch.await(
                        filter,
                        site("attic")
                                .and(m -> m.json(ReasonToggle.class).reason().equals("dialogueSession")));
            }
            DialogueService service = ctx.getBean(DialogueService.class);
            await("the ended session's record removed").until(() -> service.recordedOpen() == 0);
        }
    }
}
