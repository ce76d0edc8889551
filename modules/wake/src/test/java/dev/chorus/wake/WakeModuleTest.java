package dev.chorus.wake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.GetHotwords;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.Hotwords;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.ReasonToggle;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The module on the real broker with the repo's ACL and the real models, driven as a Hermes mic and DM would. */
@Timeout(300)
class WakeModuleTest {

    /**
     * The repo's ACL; the extra line repeats one of wake's own rules only so that the test kit (whose
     * STACK_PRINCIPALS list predates this module) generates a password for the wake principal.
     */
    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl("wake sub hermes/audioServer/+/audioFrame");

    /** "hey jarvis" with 1.5 s of silence either side, in 32 ms frames as a Hermes mic sends them. */
    private static List<byte[]> heyJarvis;

    private TestMqttClient operator;

    @BeforeAll
    static void speech() {
        heyJarvis = frames(Speech.wav("en-us", "hey jarvis", 1.5));
    }

    @BeforeEach
    void connect() {
        operator = TestMqttClient.connect(BROKER, "operator")
                .subscribe(
                        Topics.HOTWORD_DETECTED_FILTER,
                        Topics.ERROR_HOTWORD,
                        Topics.HOTWORD_HOTWORDS,
                        Topics.listening("wake"));
    }

    @AfterEach
    void close() {
        operator.close();
    }

    @Test
    void framesOfASiteGiveDetectedWithThatSite() {
        try (ApplicationContext ctx = wake().startConnected()) {
            assertThat(operator.await(Topics.listening("wake")).json(ListeningSites.class))
                    .isEqualTo(new ListeningSites("wake", List.of("*")));
            speak("kitchen");
            TestMqttClient.Received detected = operator.await(Topics.HOTWORD_DETECTED_FILTER);
            assertThat(detected.topic()).isEqualTo("hermes/hotword/hey_jarvis/detected");
            HotwordDetected d = detected.json(HotwordDetected.class);
            assertThat(d.modelId()).isEqualTo("hey_jarvis");
            assertThat(d.siteId()).isEqualTo("kitchen");
            assertThat(d.sessionId()).isNull();
            assertThat(d.currentSensitivity()).isEqualTo(0.5);
            assertThat(d.score())
                    .as("the model's output that fired, at or above the threshold")
                    .isBetween(0.5, 1.0);
            assertThat(operator.received(Topics.ERROR_HOTWORD)).isEmpty();
        }
    }

    @Test
    void toggleOffSilencesThatSiteUntilToggleOnWithTheSameReason() {
        try (ApplicationContext ctx =
                wake().env("CHORUS_WAKE_SITES", "kitchen,hall").startConnected()) {
            awaitListening("hall", "kitchen");
            operator.publishJson(Topics.HOTWORD_TOGGLE_OFF, new ReasonToggle("kitchen", "dialogueSession"));
            awaitListening("hall");

            // kitchen first, then hall, on one connection: the frame listener sees them in that order
            speak("kitchen");
            speak("hall");
            assertThat(operator.await(Topics.HOTWORD_DETECTED_FILTER)
                            .json(HotwordDetected.class)
                            .siteId())
                    .isEqualTo("hall");

            operator.clear();
            operator.publishJson(Topics.HOTWORD_TOGGLE_ON, new ReasonToggle("kitchen", "dialogueSession"));
            awaitListening("hall", "kitchen");
            speak("kitchen");
            assertThat(operator.await(Topics.HOTWORD_DETECTED_FILTER)
                            .json(HotwordDetected.class)
                            .siteId())
                    .isEqualTo("kitchen");
            assertThat(operator.received(Topics.HOTWORD_DETECTED_FILTER))
                    .extracting(r -> r.json(HotwordDetected.class).siteId())
                    .containsOnly("kitchen");
        }
    }

    @Test
    void twoSitesAtOnceEachGetTheirDetection() {
        try (ApplicationContext ctx = wake().startConnected()) {
            for (int i = 0; i < heyJarvis.size(); i++) { // interleaved, as two mics streaming together
                operator.publish(Topics.audioFrame("kitchen"), heyJarvis.get(i), 0, false);
                operator.publish(Topics.audioFrame("hall"), heyJarvis.get(i), 0, false);
            }
            assertThat(operator.awaitCount(Topics.HOTWORD_DETECTED_FILTER, 2))
                    .extracting(r -> r.json(HotwordDetected.class).siteId())
                    .containsExactlyInAnyOrder("kitchen", "hall");
        }
    }

    @Test
    void garbageFramesGetAnErrorAndTheSiteKeepsServing() {
        try (ApplicationContext ctx = wake().startConnected()) {
            operator.publish(Topics.audioFrame("kitchen"), "not audio".getBytes(StandardCharsets.UTF_8), 0, false);
            HermesError error = operator.await(Topics.ERROR_HOTWORD).json(HermesError.class);
            assertThat(error.error()).startsWith("bad audio frame: not a WAV file");
            assertThat(error.siteId()).isEqualTo("kitchen");

            byte[] floats = Wav.write(new PcmFormat(44_100, 1, 16), new byte[882]);
            floats[20] = 3; // the format tag: IEEE float, which the WAV codec does not read (any PCM rate is fine)
            operator.publish(Topics.audioFrame("hall"), floats, 0, false);
            assertThat(operator.await(Topics.ERROR_HOTWORD, r -> r.text().contains("hall"))
                            .json(HermesError.class)
                            .error())
                    .contains("unsupported encoding");

            speak("kitchen");
            assertThat(operator.await(Topics.HOTWORD_DETECTED_FILTER)
                            .json(HotwordDetected.class)
                            .siteId())
                    .isEqualTo("kitchen");
        }
    }

    @Test
    void getHotwordsListsTheActiveWakeWords() {
        try (ApplicationContext ctx =
                wake().env("CHORUS_WAKE_WORDS", "hey_jarvis,alexa").startConnected()) {
            operator.publishJson(Topics.HOTWORD_GET_HOTWORDS, new GetHotwords("kitchen", "q1"));
            Hotwords hotwords = operator.await(Topics.HOTWORD_HOTWORDS).json(Hotwords.class);
            assertThat(hotwords.id()).isEqualTo("q1");
            assertThat(hotwords.siteId()).isEqualTo("kitchen");
            assertThat(hotwords.models())
                    .containsExactly(
                            new Hotwords.Model("hey_jarvis", "hey jarvis", "0.1", "universal"),
                            new Hotwords.Model("alexa", "alexa", "0.1", "universal"));
        }
    }

    @Test
    void withoutModelsTheModuleRunsAndListensToNoSite(@TempDir Path empty) {
        try (ApplicationContext ctx = ModuleHarness.of("wake", BROKER)
                .env("CHORUS_WAKE_MODELS_DIR", empty.toString())
                .startConnected()) {
            awaitListening();
            operator.publishJson(Topics.HOTWORD_GET_HOTWORDS, new GetHotwords("kitchen", "q2"));
            assertThat(operator.await(Topics.HOTWORD_HOTWORDS)
                            .json(Hotwords.class)
                            .models())
                    .isEmpty();
        }
    }

    /** The test sends 4 s of audio in a burst, not in real time as a mic: room for it in the site's queue. */
    private static ModuleHarness wake() {
        return ModuleHarness.of("wake", BROKER)
                .env("CHORUS_WAKE_MODELS_DIR", TestModels.dir().toString())
                .env("CHORUS_WAKE_QUEUE", "60s");
    }

    private void awaitListening(String... sites) {
        operator.await(
                Topics.listening("wake"),
                r -> r.json(ListeningSites.class).siteIds().equals(List.of(sites)));
    }

    private void speak(String siteId) {
        for (byte[] frame : heyJarvis) {
            operator.publish(Topics.audioFrame(siteId), frame, 0, false);
        }
    }

    /** WAV frames of 512 samples (32 ms). */
    static List<byte[]> frames(byte[] wav) {
        try {
            byte[] samples = Wav.parse(wav).samples();
            PcmFormat format = PcmFormat.mono16(16_000);
            return java.util.stream.IntStream.iterate(0, p -> p < samples.length, p -> p + 1024)
                    .mapToObj(p ->
                            Wav.write(format, Arrays.copyOfRange(samples, p, Math.min(samples.length, p + 1024))))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
