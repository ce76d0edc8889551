package dev.chorus.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.protocol.messages.SetVolume;
import dev.chorus.protocol.messages.SiteToggle;
import dev.chorus.runtime.ChorusApplication;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The module against the real broker with the repo's ACL, driven by an operator client as any Hermes client would. */
@Timeout(180)
class AudioServerTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static final String PLAY_ERRORS = Topics.ERROR_AUDIO_SERVER_PLAY;
    private static final String CHORUS_ERRORS = Topics.error("audio");

    @TempDir
    Path data;

    private TestMqttClient operator;
    private Arrivals seen;

    @BeforeEach
    void clients() {
        operator = TestMqttClient.connect(BROKER, "operator");
        seen = Arrivals.subscribe(
                BROKER, "operator", Topics.PLAY_FINISHED_FILTER, Topics.HERMES_ERROR_FILTER, CHORUS_ERRORS);
    }

    @AfterEach
    void closeClients() {
        seen.close();
        operator.close();
    }

    @Test
    void playsIntoTheDataFolderAndFinishesNoSoonerThanTheAudioLasts() throws Exception {
        byte[] wav = TestWavs.tone(600);
        try (ApplicationContext ctx = audio().startConnected()) {
            long t0 = System.nanoTime();
            operator.publish(Topics.playBytes("kitchen", "req-1"), wav);
            Arrivals.Arrival finished = seen.await(Topics.playFinished("kitchen"), id("req-1"));

            assertThat(finished.millisSince(t0)).isGreaterThanOrEqualTo(600);
            JsonNode json = new ObjectMapper().readTree(finished.payload());
            assertThat(json.size()).as("keys of " + finished.text()).isEqualTo(2); // no siteId, as Rhasspy
            assertThat(json.get("id").asText()).isEqualTo("req-1");
            assertThat(json.get("sessionId").asText()).isEqualTo("req-1");

            List<Path> files = played();
            assertThat(files)
                    .singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString())
                            .matches("\\d{8}T\\d{6}\\.\\d{3}Z-\\d{6}_kitchen_req-1\\.wav"));
            assertThat(Wav.parse(Files.readAllBytes(files.get(0))).samples())
                    .isEqualTo(Wav.parse(wav).samples());
            assertThat(seen.on(Topics.HERMES_ERROR_FILTER)).isEmpty();
            assertThat(seen.on(CHORUS_ERRORS)).isEmpty();
        }
    }

    /**
     * A crash between the ack (journaled) and the playFinished: the next start plays what the journal holds and
     * answers it; nothing is left in the journal afterwards.
     */
    @Test
    void aPlayBytesJournaledByACrashedRunIsPlayedAndAnsweredAtTheNextStart() throws Exception {
        ModuleHarness audio = audio();
        Path journal = audio.dataDir().resolve("journal").resolve("play");
        dev.chorus.runtime.journal.Journal.open(journal)
                .record(Topics.playBytes("kitchen", "crashed-1"), TestWavs.tone(100), "");
        try (ApplicationContext ctx = audio.startConnected()) {
            seen.await(Topics.playFinished("kitchen"), id("crashed-1"));
            assertThat(played())
                    .singleElement()
                    .satisfies(f -> assertThat(f.getFileName().toString()).endsWith("_kitchen_crashed-1.wav"));
            await().until(() -> dev.chorus.runtime.journal.Journal.open(journal).size() == 0);
        }
    }

    @Test
    void invalidAudioGetsAnErrorAndStillItsPlayFinished() throws Exception {
        byte[] floatWav = TestWavs.float32(16_000, new byte[64]);
        try (ApplicationContext ctx = audio().startConnected()) {
            operator.publish(
                    Topics.playBytes("kitchen", "bad-1"), "this is not audio".getBytes(StandardCharsets.UTF_8));
            operator.publish(Topics.playBytes("kitchen", "bad-2"), floatWav);

            Arrivals.Arrival error1 = seen.await(PLAY_ERRORS, context("bad-1"));
            HermesError e1 = error1.json(HermesError.class);
            assertThat(e1.error())
                    .isEqualTo(
                            "invalid audio: not a WAV file: no RIFF/WAVE header (starts with 74686973206973206e6f7420)");
            assertThat(e1.siteId()).isEqualTo("kitchen");
            assertThat(e1.sessionId()).isEqualTo("bad-1");
            // and still its playFinished (on another topic than the error: MQTT does not order the two for us)
            seen.await(Topics.playFinished("kitchen"), id("bad-1"));

            assertThat(seen.await(PLAY_ERRORS, context("bad-2"))
                            .json(HermesError.class)
                            .error())
                    .isEqualTo(
                            "invalid audio: unsupported encoding: format tag 3 (IEEE float); only integer PCM is played");
            seen.await(Topics.playFinished("kitchen"), id("bad-2"));

            ChorusError chorus = seen.await(CHORUS_ERRORS, a -> true).json(ChorusError.class);
            assertThat(chorus.topic()).isEqualTo(Topics.playBytes("kitchen", "bad-1"));
            assertThat(chorus.error()).startsWith("invalid audio: not a WAV file");
            assertThat(chorus.payloadExcerpt()).isEqualTo("this is not audio");
            assertThat(played()).isEmpty();
        }
    }

    @Test
    void aToggledOffSiteIsNotPlayedButStillGetsPlayFinished() throws Exception {
        try (ApplicationContext ctx = audio().startConnected()) {
            SiteControls controls = ctx.getBean(SiteControls.class);
            operator.publishJson(Topics.AUDIO_TOGGLE_OFF, new SiteToggle("kitchen"));
            await().until(() ->
                    !controls.isOn("kitchen")); // no ack in Hermes: toggles and playBytes are separate topics

            operator.publish(Topics.playBytes("kitchen", "muted"), TestWavs.tone(300));
            operator.publish(Topics.playBytes("garage", "loud"), TestWavs.tone(300));
            seen.await(Topics.playFinished("kitchen"), id("muted"));
            seen.await(Topics.playFinished("garage"), id("loud"));
            assertThat(played())
                    .singleElement()
                    .satisfies(f -> assertThat(f.toString()).endsWith("_garage_loud.wav"));

            operator.publishJson(Topics.AUDIO_TOGGLE_ON, new SiteToggle("kitchen"));
            await().until(() -> controls.isOn("kitchen"));
            operator.publish(Topics.playBytes("kitchen", "back"), TestWavs.tone(100));
            seen.await(Topics.playFinished("kitchen"), id("back"));
            assertThat(played())
                    .anySatisfy(f -> assertThat(f.toString()).endsWith("_kitchen_back.wav"))
                    .hasSize(2);
            assertThat(seen.on(Topics.HERMES_ERROR_FILTER)).isEmpty();
        }
    }

    @Test
    void setVolumeScalesTheWrittenSamplesOfThatSiteOnly() throws Exception {
        byte[] wav = TestWavs.constant16(16_000, 100, (short) 10_000);
        try (ApplicationContext ctx = audio().env("CHORUS_AUDIO_VOLUME", "0.8").startConnected()) {
            SiteControls controls = ctx.getBean(SiteControls.class);
            operator.publishJson(Topics.AUDIO_SET_VOLUME, new SetVolume(0.5, "kitchen"));
            await().until(() -> controls.volume("kitchen") == 0.5);

            operator.publish(Topics.playBytes("kitchen", "half"), wav);
            operator.publish(Topics.playBytes("garage", "initial"), wav);
            // Rhasspy's INFO chunk volume multiplies the site volume
            byte[] withInfo = TestWavs.withChunk(wav, "INFO", "{\"volume\": 0.5}");
            operator.publish(Topics.playBytes("kitchen", "quarter"), withInfo);
            seen.await(Topics.playFinished("kitchen"), id("quarter"));
            seen.await(Topics.playFinished("garage"), id("initial"));

            assertThat(samplesOf("_kitchen_half.wav")).containsOnly((short) 5000);
            assertThat(samplesOf("_garage_initial.wav")).containsOnly((short) 8000);
            assertThat(samplesOf("_kitchen_quarter.wav")).containsOnly((short) 2500);

            operator.publish(Topics.AUDIO_SET_VOLUME, "{\"volume\": 1.5, \"siteId\": \"kitchen\"}");
            HermesError tooLoud = seen.await(PLAY_ERRORS, a -> true).json(HermesError.class);
            assertThat(tooLoud.error()).isEqualTo("volume must be between 0 and 1, got 1.5");
            assertThat(tooLoud.siteId()).isEqualTo("kitchen");
            operator.publish(Topics.AUDIO_SET_VOLUME, "{\"siteId\": \"kitchen\"}");
            await().until(() -> seen.on(PLAY_ERRORS).size() == 2);
            assertThat(seen.on(PLAY_ERRORS).get(1).json(HermesError.class).error())
                    .isEqualTo("missing required key \"volume\"");
            assertThat(controls.volume("kitchen")).isEqualTo(0.5);
        }
    }

    @Test
    void sitesPlayAtTheSameTimeWhileEachSitePlaysInOrder() throws Exception {
        try (ApplicationContext ctx = audio().startConnected()) {
            long t0 = System.nanoTime();
            operator.publish(Topics.playBytes("kitchen", "k1"), TestWavs.tone(4000));
            operator.publish(Topics.playBytes("kitchen", "k2"), TestWavs.tone(200));
            operator.publish(Topics.playBytes("garage", "g1"), TestWavs.tone(300));

            Arrivals.Arrival k2 = seen.await(Topics.playFinished("kitchen"), id("k2"));
            Arrivals.Arrival k1 = seen.await(Topics.playFinished("kitchen"), id("k1"));
            Arrivals.Arrival g1 = seen.await(Topics.playFinished("garage"), id("g1"));

            // garage did not wait for kitchen's 4 s (a timing claim, so with a wide margin: 3.7 s of slack for a
            // loaded machine); kitchen played k1 before the shorter k2 (one topic: ordered by MQTT)
            assertThat(g1.nanos()).isLessThan(k1.nanos());
            assertThat(k1.nanos()).isLessThan(k2.nanos());
            // causal lower bounds: playFinished comes no sooner than the audio lasts, k2 only after k1 had finished
            assertThat(k1.millisSince(t0)).isGreaterThanOrEqualTo(4000);
            assertThat(k2.millisSince(t0)).isGreaterThanOrEqualTo(4200);
            assertThat(seen.on(Topics.playFinished("kitchen")))
                    .map(a -> a.json(PlayFinished.class).id())
                    .containsExactly("k1", "k2");
            assertThat(played())
                    .map(p -> p.getFileName().toString().replaceFirst("^[^_]*_", ""))
                    .containsExactlyInAnyOrder("kitchen_k1.wav", "kitchen_k2.wav", "garage_g1.wav");
        }
    }

    @Test
    void twoMebibytesOfGarbageDoNotHurtAndTheNextRequestPlays() throws Exception {
        Random random = new Random(2);
        byte[] garbage = new byte[2 << 20];
        random.nextBytes(garbage);
        byte[] riffGarbage = garbage.clone();
        System.arraycopy("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1), 0, riffGarbage, 0, 16);
        try (ApplicationContext ctx = audio().startConnected()) {
            operator.publish(Topics.playBytes("kitchen", "junk-1"), garbage);
            operator.publish(Topics.playBytes("kitchen", "junk-2"), riffGarbage);
            operator.publish(Topics.playBytes("kitchen", "fine"), TestWavs.tone(200));

            assertThat(seen.await(PLAY_ERRORS, context("junk-1"))
                            .json(HermesError.class)
                            .error())
                    .startsWith("invalid audio: not a WAV file");
            assertThat(seen.await(PLAY_ERRORS, context("junk-2"))
                            .json(HermesError.class)
                            .error())
                    .startsWith("invalid audio: ");
            seen.await(Topics.playFinished("kitchen"), id("junk-1"));
            seen.await(Topics.playFinished("kitchen"), id("junk-2"));
            seen.await(Topics.playFinished("kitchen"), id("fine"));
            assertThat(played())
                    .singleElement()
                    .satisfies(f -> assertThat(f.toString()).endsWith("_kitchen_fine.wav"));
            assertThat(seen.on(CHORUS_ERRORS))
                    .allSatisfy(a -> assertThat(
                                    a.json(ChorusError.class).payloadExcerpt().length())
                            .isLessThan(300));
            assertThat(ctx.getBean(Player.class).heldBytes()).isZero();
        }
    }

    @Test
    void aFullSiteQueueIsRefusedAtOnceWithAnErrorAndPlayFinished() throws Exception {
        try (ApplicationContext ctx =
                audio().env("CHORUS_AUDIO_QUEUE_SIZE", "1").startConnected()) {
            operator.publish(Topics.playBytes("kitchen", "r1"), TestWavs.tone(1500)); // plays
            operator.publish(Topics.playBytes("kitchen", "r2"), TestWavs.tone(100)); // waits
            operator.publish(Topics.playBytes("kitchen", "r3"), TestWavs.tone(100)); // refused
            operator.publish(Topics.playBytes("garage", "g1"), TestWavs.tone(100)); // another site's queue

            Arrivals.Arrival refused = seen.await(PLAY_ERRORS, context("r3"));
            assertThat(refused.json(HermesError.class).error())
                    .isEqualTo("queue of site kitchen is full: 1 requests waiting (CHORUS_AUDIO_QUEUE_SIZE=1)");
            Arrivals.Arrival r3 = seen.await(Topics.playFinished("kitchen"), id("r3"));
            Arrivals.Arrival r1 = seen.await(Topics.playFinished("kitchen"), id("r1"));
            Arrivals.Arrival r2 = seen.await(Topics.playFinished("kitchen"), id("r2"));
            seen.await(Topics.playFinished("garage"), id("g1"));
            assertThat(r3.nanos()).isLessThan(r1.nanos());
            assertThat(r1.nanos()).isLessThan(r2.nanos());
            assertThat(seen.on(PLAY_ERRORS)).hasSize(1);
            assertThat(played()).hasSize(3);
        }
    }

    @Test
    void heldBytesAndAudioLengthAreBounded() throws Exception {
        byte[] long19s = TestWavs.constant16(16_000, 19_000, (short) 1); // 608 044 bytes
        try (ApplicationContext ctx =
                audio().env("CHORUS_AUDIO_QUEUE_BYTES", "1M").startConnected()) {
            operator.publish(Topics.playBytes("kitchen", "big-1"), long19s);
            operator.publish(Topics.playBytes("garage", "big-2"), long19s);
            assertThat(seen.await(PLAY_ERRORS, context("big-2"))
                            .json(HermesError.class)
                            .error())
                    .isEqualTo("audio queue is full: 608044 bytes held, this request has 608044"
                            + " (CHORUS_AUDIO_QUEUE_BYTES=1048576)");
            seen.await(Topics.playFinished("garage"), id("big-2"));
        } // big-1 is answered at shutdown
        seen.await(Topics.playFinished("kitchen"), id("big-1"));

        try (ApplicationContext ctx =
                audio().env("CHORUS_AUDIO_MAX_DURATION", "10").startConnected()) {
            operator.publish(Topics.playBytes("kitchen", "too-long"), long19s);
            assertThat(seen.await(PLAY_ERRORS, context("too-long"))
                            .json(HermesError.class)
                            .error())
                    .isEqualTo("invalid audio: too long: 19000 ms, limit 10 s (CHORUS_AUDIO_MAX_DURATION)");
            seen.await(Topics.playFinished("kitchen"), id("too-long"));
            assertThat(played()).noneMatch(f -> f.toString().endsWith("_too-long.wav"));
        }
    }

    @Test
    void requestsForSitesNotListedAreLeftToTheirOwnServer() throws Exception {
        try (ApplicationContext ctx =
                audio().env("CHORUS_AUDIO_SITES", "kitchen,hall").startConnected()) {
            SiteControls controls = ctx.getBean(SiteControls.class);
            operator.publishJson(Topics.AUDIO_TOGGLE_OFF, new SiteToggle("garage"));
            operator.publish(Topics.playBytes("garage", "not-ours"), TestWavs.tone(100));
            operator.publish(Topics.playBytes("kitchen", "ours"), TestWavs.tone(100));
            seen.await(Topics.playFinished("kitchen"), id("ours"));
            assertThat(seen.on(Topics.playFinished("garage"))).isEmpty();
            assertThat(controls.isOn("garage")).isTrue();
        }
    }

    @Test
    void stoppingTheModuleStillAnswersEveryRequestItTook() {
        ApplicationContext ctx = audio().startConnected();
        try {
            operator.publish(Topics.playBytes("kitchen", "long-1"), TestWavs.tone(20_000));
            operator.publish(Topics.playBytes("kitchen", "long-2"), TestWavs.tone(20_000));
            Player player = ctx.getBean(Player.class);
            await().until(() -> player.pending("kitchen") == 2);
        } finally {
            ctx.close();
        }
        Arrivals.Arrival first = seen.await(Topics.playFinished("kitchen"), id("long-1"));
        seen.await(Topics.playFinished("kitchen"), id("long-2"));
        assertThat(first.text()).contains("long-1");
    }

    @Test
    void anInvalidVariableStopsTheStartWithOneLineNamingIt() {
        ModuleHarness bad = audio().env("CHORUS_AUDIO_VOLUME", "2");
        assertThatThrownBy(bad::start)
                .satisfies(e -> assertThat(ChorusApplication.configCause(e))
                        .hasMessage("CHORUS_AUDIO_VOLUME: \"2\" is not a number between 0 and 1"));
    }

    // ---- helpers -------------------------------------------------------------------------------

    @Test
    void stopCutsTheSiteShortAndDropsItsQueueEachWithItsPlayFinished() {
        try (ApplicationContext ctx = audio().startConnected();
                TestMqttClient dialogue = TestMqttClient.connect(BROKER, "dialogue")) {
            Player player = ctx.getBean(Player.class);
            // a minute of audio: without the stop its playFinished would come long after the wait below gives up
            operator.publish(Topics.playBytes("kitchen", "long"), TestWavs.tone(60_000));
            operator.publish(Topics.playBytes("kitchen", "queued-1"), TestWavs.tone(1_000));
            operator.publish(Topics.playBytes("kitchen", "queued-2"), TestWavs.tone(1_000));
            operator.publish(Topics.playBytes("garage", "other"), TestWavs.tone(60_000));
            await().atMost(TestMqttClient.DEFAULT_WAIT).until(() -> player.pending("kitchen") == 3);

            dialogue.publish(Topics.audioServerStop("kitchen"), "{\"siteId\": \"kitchen\"}");
            for (String id : List.of("long", "queued-1", "queued-2")) {
                seen.await(Topics.playFinished("kitchen"), id(id));
            }
            assertThat(seen.on(Topics.playFinished("kitchen"))).hasSize(3);
            assertThat(player.pending("kitchen")).isZero();

            operator.publish(Topics.playBytes("kitchen", "after"), TestWavs.tone(100));
            seen.await(Topics.playFinished("kitchen"), id("after"));
            assertThat(seen.on(Topics.playFinished("garage")))
                    .as("another site plays on")
                    .isEmpty();
            assertThat(player.pending("garage")).isEqualTo(1);
            assertThat(player.heldBytes()).isEqualTo(TestWavs.tone(60_000).length);
        }
    }

    private ModuleHarness audio() {
        return ModuleHarness.of("audio", BROKER).env(EnvVars.DATA_DIR, data.toString());
    }

    private List<Path> played() throws IOException {
        Path dir = data.resolve("played");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    private short[] samplesOf(String suffix) throws Exception {
        Iterator<Path> match =
                played().stream().filter(p -> p.toString().endsWith(suffix)).iterator();
        assertThat(match.hasNext()).as("a played file ending in " + suffix).isTrue();
        return TestWavs.samples16(Wav.parse(Files.readAllBytes(match.next())).samples());
    }

    private static Predicate<Arrivals.Arrival> id(String requestId) {
        return a -> requestId.equals(a.json(PlayFinished.class).id());
    }

    private static Predicate<Arrivals.Arrival> context(String requestId) {
        return a -> requestId.equals(a.json(HermesError.class).context());
    }
}
