package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.asr.listen.Sessions;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.protocol.toggle.SiteToggles;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The module on the real broker with the repo's ACL and the real Sphinx4 engine: an operator client plays the
 * microphone and the dialogue manager, a fake nlu module publishes the grammar.
 */
@Timeout(300)
class AsrModuleTest {

    /**
     * The repo's ACL names asr, but the test kit makes credentials only for the principals it knows or is given
     * here; the nlu module's ACL grant for its grammar is the nlu module's to add.
     */
    static final InProcessBroker BROKER =
            InProcessBroker.withAcl("asr sub chorus/nlu/grammar", "nlu pub chorus/nlu/grammar");

    private static ApplicationContext asr;
    private static FakeModule nlu;
    private TestMqttClient operator;

    @BeforeAll
    static void startModule() {
        BROKER.start();
        nlu = FakeModule.start(BROKER, "nlu");
        nlu.publishRetainedJson(Topics.NLU_GRAMMAR, TestSpeech.HOME);
        asr = ModuleHarness.of("asr", BROKER).env("CHORUS_ASR_TIMEOUT", "2s").startConnected();
    }

    @AfterAll
    static void stopModule() {
        if (asr != null) {
            asr.close();
        }
        if (nlu != null) {
            nlu.close();
        }
        BROKER.close();
    }

    @BeforeEach
    void connect() {
        operator = TestMqttClient.connect(BROKER, "operator")
                .subscribe(
                        Topics.ASR_TEXT_CAPTURED,
                        Topics.ASR_RECORDING_FINISHED,
                        Topics.ASR_AUDIO_CAPTURED_FILTER,
                        Topics.ERROR_ASR,
                        Topics.error("asr"),
                        Topics.listening("asr"));
    }

    @AfterEach
    void disconnect() {
        operator.close();
    }

    @Test
    void hearsASpokenCommandAndSendsTheAudioWhenAsked() throws Exception {
        listen(new AsrStartListening("kitchen", "s-speech", null, true, true, "hey", null));
        // the gauge (docs/configuration.md, "Metrics")
        await().until(() -> asr.getBean(MeterRegistry.class)
                        .get("chorus.asr.sessions")
                        .gauge()
                        .value()
                >= 1);
        stream("kitchen", TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 1.5)));

        AsrTextCaptured text = textOf("s-speech");
        assertThat(text.text()).isEqualTo("what time is it");
        assertThat(text.siteId()).isEqualTo("kitchen");
        assertThat(text.wakewordId()).isEqualTo("hey");
        assertThat(text.asrTokens()).singleElement().asList().hasSize(4);
        assertThat(operator.await(Topics.ASR_RECORDING_FINISHED, m -> m.text().contains("s-speech")))
                .isNotNull();
        Wav.Audio captured = Wav.parse(
                operator.await(Topics.asrAudioCaptured("kitchen", "s-speech")).payload());
        assertThat(captured.format()).isEqualTo(PcmFormat.mono16(16_000));
        assertThat(captured.duration()).isBetween(Duration.ofMillis(1500), Duration.ofMillis(4500));
        awaitListening(List.of());
    }

    @Test
    void silenceGivesAnEmptyTextAfterTheTimeout() {
        listen(new AsrStartListening("hall", "s-silence", null, true, false, null, null));
        stream("hall", new byte[16_000 * 2 * 3]); // 3 s of silence, timeout 2 s

        assertThat(textOf("s-silence").text()).isEmpty();
        assertThat(operator.received(Topics.ASR_AUDIO_CAPTURED_FILTER)).isEmpty();
    }

    @Test
    void stopListeningDecodesWhatWasRecorded() throws Exception {
        listen(new AsrStartListening("study", "s-stop", null, false, false, null, null));
        int sent = stream(
                "study", TestSpeech.samples(TestSpeech.speak("set a timer for five minutes", "en-us", 0.3, 1.5)));
        // frames and stopListening are different topics: wait until every frame is in
        awaitFramesHandled("s-stop", sent);
        operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("study", "s-stop"));

        assertThat(textOf("s-stop").text()).isEqualTo("set a timer for five minutes");
        assertThat(operator.received(Topics.ASR_RECORDING_FINISHED).stream().map(TestMqttClient.Received::text))
                .noneMatch(t -> t.contains("s-stop"));
    }

    @Test
    void framesOfASiteToggledOffAreIgnoredUntilEveryReasonIsToggledOn() throws Exception {
        SiteToggles toggles = asr.getBean(SiteToggles.class);
        listen(new AsrStartListening("porch", "s-toggle", null, false, false, null, null));
        operator.publishJson(Topics.ASR_TOGGLE_OFF, new ReasonToggle("porch", "ttsSay"));
        operator.publishJson(Topics.ASR_TOGGLE_OFF, new ReasonToggle("porch", "playAudio"));
        await().until(() -> !toggles.enabled("porch"));
        operator.publishJson(Topics.ASR_TOGGLE_ON, new ReasonToggle("porch", "ttsSay"));
        int ignored = stream("porch", TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.3, 0.3)));
        awaitFramesHandled("s-toggle", ignored);
        assertThat(toggles.enabled("porch")).as("one reason left").isFalse();
        operator.publishJson(Topics.ASR_TOGGLE_ON, new ReasonToggle("porch", "playAudio"));
        await().until(() -> toggles.enabled("porch"));
        int recorded =
                stream("porch", TestSpeech.samples(TestSpeech.speak("turn on the bedroom light", "en-us", 0.3, 0.3)));
        awaitFramesHandled("s-toggle", ignored + recorded);
        operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("porch", "s-toggle"));

        assertThat(textOf("s-toggle").text()).isEqualTo("turn on the bedroom light");
    }

    @Test
    void garbageFramesAreReportedOnceAndTheSessionGoesOn() throws Exception {
        listen(new AsrStartListening("garage", "s-garbage", null, true, false, null, null));
        operator.publish(Topics.audioFrame("garage"), "not a wav".getBytes());
        operator.publish(Topics.audioFrame("garage"), new byte[] {'R', 'I', 'F', 'F', 0, 0});
        HermesError error = operator.await(Topics.ERROR_ASR).json(HermesError.class);
        assertThat(error.error()).contains("bad audio frame");
        assertThat(error.siteId()).isEqualTo("garage");
        assertThat(error.sessionId()).isEqualTo("s-garbage");
        assertThat(operator.await(Topics.error("asr")).json(ChorusError.class).topic())
                .isEqualTo(Topics.audioFrame("garage"));

        stream("garage", TestSpeech.samples(TestSpeech.speak("turn off the kitchen light", "en-us", 0.5, 1.5)));
        assertThat(textOf("s-garbage").text()).startsWith("turn").endsWith("kitchen light");
        assertThat(operator.received(Topics.ERROR_ASR)).hasSize(1);
    }

    @Test
    void twoSitesListenAtOnce() throws Exception {
        listen(new AsrStartListening("left", "s-left", null, true, false, null, null));
        listen(new AsrStartListening("right", "s-right", null, true, false, null, null));
        awaitListening(List.of("left", "right"));
        byte[] left = TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 1.5));
        byte[] right = TestSpeech.samples(TestSpeech.speak("set a timer for two minutes", "en-us", 0.5, 1.5));
        List<byte[]> leftFrames = TestSpeech.frames(left);
        List<byte[]> rightFrames = TestSpeech.frames(right);
        for (int i = 0; i < Math.max(leftFrames.size(), rightFrames.size()); i++) {
            if (i < leftFrames.size()) {
                operator.publish(Topics.audioFrame("left"), leftFrames.get(i), 0, false);
            }
            if (i < rightFrames.size()) {
                operator.publish(Topics.audioFrame("right"), rightFrames.get(i), 0, false);
            }
        }
        assertThat(textOf("s-left").text()).isEqualTo("what time is it");
        assertThat(textOf("s-right").text()).isEqualTo("set a timer for two minutes");
    }

    @Test
    void framesAtOtherRatesAndChannelsAreConverted() throws Exception {
        Path speech = TestSpeech.speak("turn on the kitchen light", "en-us", 0.5, 1.5);
        Path stereo = speech.resolveSibling("stereo-44k-" + speech.getFileName());
        if (!Files.exists(stereo)) {
            TestSpeech.run(List.of("sox", "-R", speech.toString(), "-r", "44100", "-c", "2", stereo.toString()));
        }
        listen(new AsrStartListening("attic", "s-stereo", null, true, false, null, null));
        Wav.Audio audio = Wav.parse(Files.readAllBytes(stereo));
        int chunk = 4096;
        for (int at = 0; at < audio.samples().length; at += chunk) {
            byte[] part = Arrays.copyOfRange(audio.samples(), at, Math.min(audio.samples().length, at + chunk));
            operator.publish(Topics.audioFrame("attic"), Wav.write(audio.format(), part), 0, false);
        }
        assertThat(textOf("s-stereo").text()).isEqualTo("turn on the kitchen light");
    }

    @Test
    void anIntentFilterRestrictsWhatCanBeHeard() throws Exception {
        listen(new AsrStartListening("den", "s-filter", null, true, false, null, List.of("SetTimer")));
        stream("den", TestSpeech.samples(TestSpeech.speak("set a timer for one minutes", "en-us", 0.5, 1.5)));
        assertThat(textOf("s-filter").text()).isEqualTo("set a timer for one minutes");

        listen(new AsrStartListening("den", "s-filter-2", null, true, false, null, List.of("GetTime")));
        stream("den", TestSpeech.samples(TestSpeech.speak("set a timer for one minutes", "en-us", 0.5, 1.5)));
        assertThat(textOf("s-filter-2").text()).doesNotContain("timer");
    }

    @Test
    void framesOfSitesNobodyListensToAreIgnored() {
        operator.publish(Topics.audioFrame("nowhere"), "garbage, but nobody listens".getBytes());
        listen(new AsrStartListening("cellar", "s-other", null, true, false, null, null));
        operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("cellar", "s-other"));
        assertThat(textOf("s-other").text()).isEmpty();
        assertThat(operator.received(Topics.ERROR_ASR)).isEmpty();
    }

    private void listen(AsrStartListening request) {
        operator.publishJson(Topics.ASR_START_LISTENING, request);
        // what the mic waits for before it streams
        operator.await(
                Topics.listening("asr"),
                m -> m.json(ListeningSites.class).siteIds().contains(request.siteId()));
    }

    private void awaitListening(List<String> sites) {
        operator.await(
                Topics.listening("asr"),
                m -> m.json(ListeningSites.class).siteIds().equals(sites));
    }

    private AsrTextCaptured textOf(String sessionId) {
        return operator.await(
                        Topics.ASR_TEXT_CAPTURED,
                        m -> sessionId.equals(m.json(AsrTextCaptured.class).sessionId()))
                .json(AsrTextCaptured.class);
    }

    /** @return the number of frames sent */
    private int stream(String siteId, byte[] samples) {
        List<byte[]> frames = TestSpeech.frames(samples);
        for (byte[] frame : frames) {
            operator.publish(Topics.audioFrame(siteId), frame, 0, false);
        }
        return frames.size();
    }

    private static void awaitFramesHandled(String sessionId, int frames) {
        Sessions sessions = asr.getBean(Sessions.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> sessions.framesHandled(sessionId) >= frames);
    }
}
