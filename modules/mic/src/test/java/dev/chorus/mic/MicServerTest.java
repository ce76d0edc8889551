package dev.chorus.mic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.mic.source.FileSource;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.SiteToggle;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module against the real broker with the repo's ACL. The listening modules (wake, asr) are fakes that publish
 * their retained status and {@code chorus/listening/{module}}; an operator client sees the frames.
 */
@Timeout(180)
class MicServerTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl(
            // names the principals (credentials); the repo's ACL has mic's rules
            "mic sub chorus/listening/+", "wake pub chorus/listening/wake", "asr pub chorus/listening/asr");

    private static final int FRAME_BYTES = 2048;
    private static final String KITCHEN = Topics.audioFrame("kitchen");

    @TempDir
    Path data;

    private Arrivals seen;
    private TestMqttClient operator;

    @BeforeEach
    void clients() {
        seen = Arrivals.subscribe(
                BROKER, "operator", Topics.AUDIO_FRAME_FILTER, Topics.HERMES_ERROR_FILTER, Topics.error("mic"));
        operator = TestMqttClient.connect(BROKER, "operator");
    }

    @AfterEach
    void closeClients() {
        seen.close();
        operator.close();
        // retained lists must not leak into the next test
        try (FakeModule wake = FakeModule.start(BROKER, "wake");
                FakeModule asr = FakeModule.start(BROKER, "asr")) {
            wake.publishRetained(Topics.listening("wake"), new byte[0]);
            asr.publishRetained(Topics.listening("asr"), new byte[0]);
        }
    }

    @Test
    void aDroppedFileStreamsAtRealTimePaceOnlyWhileAModuleListens() throws Exception {
        byte[] pcm = TestAudio.noise(2 * 16_000 + 300, 1); // 2.02 s: the last frame is padded
        Path inbox = data.resolve("inbox");
        try (ApplicationContext ctx = mic().startConnected()) {
            TestAudio.drop(inbox, "one.wav", TestAudio.wav16k(pcm));

            // nobody listens: no frames, and the file waits in the inbox
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> seen.count(KITCHEN) == 0);
            assertThat(inbox.resolve("one.wav")).exists();

            try (FakeModule wake = FakeModule.start(BROKER, "wake")) {
                wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("kitchen")));
                await().until(() -> TestAudio.find(seen.pcm("kitchen"), pcm, FRAME_BYTES) >= 0);

                List<Arrivals.Arrival> frames = seen.on(KITCHEN);
                int first = TestAudio.find(seen.pcm("kitchen"), pcm, FRAME_BYTES) / FRAME_BYTES;
                int count = (pcm.length + FRAME_BYTES - 1) / FRAME_BYTES; // 32 frames of 64 ms
                await().until(() -> seen.count(KITCHEN) >= first + count);
                frames = seen.on(KITCHEN);
                long spanMillis = Duration.ofNanos(frames.get(first + count - 1).nanos()
                                - frames.get(first).nanos())
                        .toMillis();
                // real time: the file's frames are 64 ms apart, 1984 ms from first to last; loosely, not faster
                assertThat(spanMillis).isGreaterThan(1984 - 400);
                for (Arrivals.Arrival frame : frames) {
                    Wav.Audio audio = frame.wav();
                    assertThat(audio.format()).isEqualTo(PcmFormat.mono16(16_000));
                    assertThat(audio.samples()).hasSize(FRAME_BYTES);
                    assertThat(frame.payload()).hasSize(Wav.HEADER_BYTES + FRAME_BYTES);
                }
                // the padding of the last frame, and silence after the file while wake listens
                int end = TestAudio.find(seen.pcm("kitchen"), pcm, FRAME_BYTES) + pcm.length;
                await().until(() -> seen.count(KITCHEN) >= first + count + 3);
                byte[] after = seen.pcm("kitchen");
                for (int i = end; i < after.length; i++) {
                    assertThat(after[i]).as("sample byte %d after the file", i).isZero();
                }
                // the file went to .done
                await().until(() -> !Files.exists(inbox.resolve("one.wav")));
                assertThat(done(inbox))
                        .singleElement()
                        .satisfies(p -> assertThat(p.getFileName().toString())
                                .matches("\\d{8}T\\d{6}\\.\\d{3}Z-\\d{6}_kitchen_one\\.wav"));

                // wake stops listening: the frames stop
                wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of()));
                awaitQuiet(KITCHEN);
            }
            assertThat(seen.on(Topics.HERMES_ERROR_FILTER)).isEmpty();
        }
    }

    @Test
    void toggleOffStopsASiteAndToggleOnResumesIt() throws Exception {
        try (ApplicationContext ctx = mic().startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake")) {
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("*")));
            int before = seen.count(KITCHEN);
            await().until(() -> seen.count(KITCHEN) > before + 3); // silence: nothing dropped yet

            operator.publishJson(Topics.AUDIO_TOGGLE_OFF, new SiteToggle("kitchen"));
            awaitQuiet(KITCHEN);

            operator.publishJson(Topics.AUDIO_TOGGLE_ON, new SiteToggle("kitchen"));
            int quiet = seen.count(KITCHEN);
            await().until(() -> seen.count(KITCHEN) > quiet + 3);
        }
    }

    @Test
    void onlyOnlineModulesCount() throws Exception {
        try (ApplicationContext ctx = mic().startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake")) {
            Listening listening = ctx.getBean(Listening.class);
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("kitchen")));
            try (FakeModule asr = FakeModule.start(BROKER, "asr")) {
                asr.publishRetainedJson(Topics.listening("asr"), new ListeningSites("asr", List.of("kitchen")));
                await().until(() -> seen.count(KITCHEN) > 3);
            } // asr offline (its retained status): wake still listens
            int n = seen.count(KITCHEN);
            await().until(() -> seen.count(KITCHEN) > n + 3);

            wake.close(); // offline: its list no longer counts, though it is still retained
            awaitQuiet(KITCHEN);
            assertThat(listening.streams("kitchen")).isFalse();
        }
    }

    @Test
    void aFortyFourKilohertzStereoFileIsConvertedAndAFolderIsASite() throws Exception {
        byte[] wav = TestAudio.spoken(data, "turn on the kitchen light", 44_100, 2);
        Wav.Audio original = Wav.parse(wav);
        assertThat(original.format()).isEqualTo(new PcmFormat(44_100, 2, 16));
        byte[] converted = PcmConverter.toTarget(original.format(), original.samples());
        try (ApplicationContext ctx = mic().startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake")) {
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("*")));
            TestAudio.drop(data.resolve("inbox").resolve("hall"), "speech.wav", wav);

            await().until(() -> TestAudio.find(seen.pcm("hall"), converted, FRAME_BYTES) >= 0);
            assertThat(converted.length / 2)
                    .isCloseTo((int) (original.frames() * 16_000 / 44_100), org.assertj.core.data.Offset.offset(2));
        }
    }

    @Test
    void aGarbageFileIsRefusedWithAnErrorAndTheNextOneStreams() throws Exception {
        Path inbox = data.resolve("inbox");
        byte[] good = TestAudio.noise(8000, 2);
        try (ApplicationContext ctx = mic().startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake")) {
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("kitchen")));
            TestAudio.drop(inbox, "garbage.wav", "this is not audio".getBytes(StandardCharsets.UTF_8));

            HermesError error =
                    seen.await(Topics.ERROR_AUDIO_SERVER_RECORD, a -> true).json(HermesError.class);
            assertThat(error.error())
                    .isEqualTo(
                            "cannot stream: not a WAV file: no RIFF/WAVE header (starts with 74686973206973206e6f7420)");
            assertThat(error.siteId()).isEqualTo("kitchen");
            assertThat(error.context()).isEqualTo("garbage.wav");
            ChorusError chorus = seen.await(Topics.error("mic"), a -> true).json(ChorusError.class);
            assertThat(chorus.topic()).isEqualTo(KITCHEN);
            assertThat(chorus.payloadExcerpt()).isEqualTo("this is not audio");
            await().until(() -> done(inbox).size() == 1);
            assertThat(done(inbox).get(0).getFileName().toString()).endsWith("_kitchen_garbage.wav.refused");

            // still serving
            TestAudio.drop(inbox, "good.wav", TestAudio.wav16k(good));
            await().until(() -> TestAudio.find(seen.pcm("kitchen"), good, FRAME_BYTES) >= 0);
        }
    }

    @Test
    void udpDatagramsComeOutAsFramesOfTheSendersSite() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        byte[] pcm = TestAudio.noise(5 * 1024, 3);
        try (ApplicationContext ctx = mic().env("CHORUS_MIC_SOURCE", "udp")
                        .env("CHORUS_MIC_UDP_PORT", Integer.toString(port))
                        .env("CHORUS_MIC_UDP_SITES", "127.0.0.1=porch")
                        .startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake");
                DatagramSocket satellite = new DatagramSocket()) {
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("porch")));
            await().until(() -> ctx.getBean(Listening.class).streams("porch"));

            // datagrams of odd sizes: frames are cut at 1024 samples whatever the datagrams
            int at = 0;
            for (int size : new int[] {1001, 3000, 77, 4096, 2048}) {
                int n = Math.min(size, pcm.length - at);
                satellite.send(new DatagramPacket(pcm, at, n, InetAddress.getLoopbackAddress(), port));
                at += n;
            }
            satellite.send(new DatagramPacket(pcm, at, pcm.length - at, InetAddress.getLoopbackAddress(), port));
            await().until(() -> seen.count(Topics.audioFrame("porch")) == 5);
            assertThat(seen.pcm("porch")).isEqualTo(pcm);
        }
    }

    private ModuleHarness mic() {
        return ModuleHarness.of("mic", BROKER)
                .env(EnvVars.DATA_DIR, data.toString())
                .env("CHORUS_SITE_ID", "kitchen")
                .env("CHORUS_MIC_SOURCE", "file");
    }

    /** Waits until no frame arrived on {@code topic} for a while, then checks that none comes for a second. */
    private void awaitQuiet(String topic) {
        int[] last = {-1};
        await().pollInterval(Duration.ofMillis(400)).until(() -> {
            int now = seen.count(topic);
            boolean quiet = now == last[0];
            last[0] = now;
            return quiet;
        });
        int stopped = seen.count(topic);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> seen.count(topic) == stopped);
    }

    private static List<Path> done(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(inbox.resolve(FileSource.DONE))) {
            return files.sorted().toList();
        }
    }
}
