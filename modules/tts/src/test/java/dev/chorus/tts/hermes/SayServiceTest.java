package dev.chorus.tts.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsPresets;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TestMqttClient;
import dev.chorus.tts.Pcm16;
import dev.chorus.tts.SpeechRequest;
import dev.chorus.tts.TextToSpeech;
import dev.chorus.tts.TtsConfig;
import io.micronaut.context.ApplicationContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tts module over real MQTT (in-process broker): Hermes say → playBytes → playFinished →
 * sayFinished, voices, errors, sites. The test plays the audio server ({@link AudioServerStub},
 * principal audio) and a Hermes client (principal operator).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SayServiceTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    static final int MAX_TEXT = 300;
    static ApplicationContext module;
    static AudioServerStub audio;
    static StampedClient client;

    @BeforeAll
    static void start() throws Exception {
        final Path config = Files.createTempDirectory("tts-config");
        for (final String file : new String[] {"voices.yml", "lexicon.txt", "presets.yml"}) {
            Files.copy(TtsTestModule.repoConfigDir().resolve(file), config.resolve(file));
        }
        Files.writeString(
                config.resolve("lexicon.txt"), "\ntomato = potato\n", java.nio.file.StandardOpenOption.APPEND);
        module = TtsTestModule.harness(BROKER)
                .env("CHORUS_TTS_CONFIG_DIR", config.toString())
                .env("CHORUS_TTS_MAX_TEXT_CHARS", String.valueOf(MAX_TEXT))
                // silent sites are answered by hand: the tts must not give up on a playFinished meanwhile,
                // however slow the machine (the timeout itself is SayLimitsTest's)
                .env("CHORUS_TTS_PLAY_MARGIN_SECONDS", "120")
                .property("spec.name", "SayServiceTest")
                .startConnected();
        audio = AudioServerStub.start(BROKER);
        client = StampedClient.connect(BROKER, "operator")
                .subscribe(Topics.TTS_SAY_FINISHED, Topics.ERROR_TTS, Topics.TTS_VOICES, Topics.error("tts"));
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (module != null) {
            module.close();
        }
    }

    // ---- the Hermes round trip ------------------------------------------------------------------

    @Test
    void sayYieldsAValidWavAndSayFinishedOnlyAfterTheMatchingPlayFinished() {
        audio.silent("kitchen");
        say("{\"text\": \"Turn on the light in the kitchen.\", \"siteId\": \"kitchen\", \"lang\": null,"
                + " \"id\": \"say-1\", \"sessionId\": \"session-1\", \"volume\": null}");

        final AudioServerStub.Play play = audio.awaitPlay("kitchen", "say-1");
        final ByteBuffer header = ByteBuffer.wrap(play.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(play.bytes(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(play.bytes(), 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(header.getShort(20)).as("PCM").isEqualTo((short) 1);
        assertThat(header.getShort(22)).as("channels").isEqualTo((short) 1);
        assertThat(header.getInt(24)).as("sample rate").isEqualTo(16000);
        assertThat(header.getShort(34)).as("bits").isEqualTo((short) 16);
        assertThat(header.getInt(40)).as("data bytes").isEqualTo(play.bytes().length - 44);
        final Pcm16 wav = play.wav();
        // 7 words: about 2 s at a normal rate
        assertThat(wav.duration()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(4500));
        assertThat(wav.rms()).as("not silent").isGreaterThan(0.02);
        assertThat(wav.peak()).isGreaterThan(0.1);

        // no sayFinished while the audio server has not answered, nor for someone else's playFinished
        await().during(Duration.ofMillis(700))
                .atMost(Duration.ofSeconds(5))
                .until(() -> sayFinished("say-1").isEmpty());
        audio.finish("kitchen", "another-request");
        audio.finish("elsewhere", "say-1");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> sayFinished("say-1").isEmpty());

        audio.finish("kitchen", "say-1");
        final StampedClient.Message finished = awaitSayFinished("say-1");
        // causal, one JVM clock: the tts sends sayFinished only once it has this playFinished
        assertThat(finished.arrivedAt()).isGreaterThan(audio.answeredAt("kitchen", "say-1"));
        assertThat(finished.text())
                .isEqualTo("{\"siteId\": \"kitchen\", \"id\": \"say-1\", \"sessionId\": \"session-1\"}");
        assertThat(errors("say-1")).isEmpty();
        assertThat(audio.plays("kitchen")).hasSize(1);
    }

    @Test
    void aSayWithoutIdPlaysUnderANewUuidAndFinishesWithIdNull() {
        say("{\"text\": \"Good night.\", \"siteId\": \"attic\"}");
        final AudioServerStub.Play play = await().atMost(StampedClient.WAIT)
                .until(() -> audio.plays("attic"), list -> !list.isEmpty())
                .get(0);
        assertThat(play.requestId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        final StampedClient.Message finished = client.await(
                Topics.TTS_SAY_FINISHED,
                m -> m.json(TtsSayFinished.class).siteId().equals("attic"));
        assertThat(finished.json(TtsSayFinished.class)).isEqualTo(new TtsSayFinished("attic", null, null));
    }

    @Test
    void volumeScalesTheAudioAndSsmlAndLangAreAccepted() {
        say("{\"text\": \"The volume test.\", \"siteId\": \"cellar\", \"id\": \"loud\"}");
        say("{\"text\": \"The volume test.\", \"siteId\": \"cellar\", \"id\": \"quiet\", \"volume\": 0.25}");
        say(
                "{\"text\": \"<speak>Hello <break time=\\\"300ms\\\"/> world.</speak>\", \"siteId\": \"cellar\", \"id\": \"ssml\"}");
        say("{\"text\": \"In American English.\", \"siteId\": \"cellar\", \"id\": \"lang\", \"lang\": \"en-US\"}");
        say("{\"text\": \"With a Chorus voice and preset.\", \"siteId\": \"cellar\", \"id\": \"extras\","
                + " \"voice\": \"cmu-slt-hsmm\", \"preset\": \"slow\"}");
        for (final String id : List.of("loud", "quiet", "ssml", "lang", "extras")) {
            awaitSayFinished(id);
            assertThat(errors(id)).as(id).isEmpty();
        }
        final Pcm16 loud = audio.awaitPlay("cellar", "loud").wav();
        final Pcm16 quiet = audio.awaitPlay("cellar", "quiet").wav();
        assertThat(quiet.frames()).isEqualTo(loud.frames());
        assertThat(quiet.rms() / loud.rms()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
        final Pcm16 ssml = audio.awaitPlay("cellar", "ssml").wav();
        assertThat(ssml.duration()).isGreaterThan(Duration.ofMillis(800));
        assertThat(ssml.isSilent(0.05)).isFalse();
        assertThat(audio.awaitPlay("cellar", "lang").wav().isSilent(0.05)).isFalse();
        assertThat(audio.awaitPlay("cellar", "extras").wav().isSilent(0.05)).isFalse();
    }

    @Test
    void aLexiconEntryChangesTheAudioOfAWord() throws Exception {
        // the module's lexicon has "tomato = potato"
        say("{\"text\": \"tomato\", \"siteId\": \"lexicon\", \"id\": \"lex-tomato\"}");
        say("{\"text\": \"potato\", \"siteId\": \"lexicon\", \"id\": \"lex-potato\"}");
        final Pcm16 tomato = audio.awaitPlay("lexicon", "lex-tomato").wav();
        final Pcm16 potato = audio.awaitPlay("lexicon", "lex-potato").wav();
        assertThat(tomato.samples()).as("'tomato' is said as 'potato'").isEqualTo(potato.samples());

        // the same word without the entry (the repo's lexicon) sounds different
        final Path data = Files.createTempDirectory("tts-data");
        try (TextToSpeech plain = TextToSpeech.start(TtsConfig.fromEnv(Map.of(
                "CHORUS_TTS_CONFIG_DIR",
                TtsTestModule.repoConfigDir().toString(),
                "CHORUS_DATA_DIR",
                data.toString(),
                "CHORUS_TTS_WORKERS",
                "1",
                "CHORUS_TTS_CACHE_MAX_BYTES",
                "0")))) {
            final Pcm16 unchanged = plain.synthesize(SpeechRequest.of("tomato"));
            assertThat(unchanged.samples()).isNotEqualTo(tomato.samples());
            assertThat(plain.synthesize(SpeechRequest.of("potato")).samples()).isEqualTo(potato.samples());
        }
    }

    @Test
    void presetsAreAnnouncedRetainedForOtherModules() throws Exception {
        final TextToSpeech tts = module.getBean(TextToSpeech.class);
        // a client that comes later gets them from the broker: the module announced them on connect
        try (StampedClient gatewayLike =
                StampedClient.connect(BROKER, "gateway").subscribe(Topics.TTS_PRESETS)) {
            final TtsPresets presets =
                    gatewayLike.await(Topics.TTS_PRESETS, m -> true).json(TtsPresets.class);
            assertThat(presets.names())
                    .containsExactlyElementsOf(tts.presets().all().stream()
                            .map(dev.chorus.tts.Preset::name)
                            .toList())
                    .contains("default", "slow");
            assertThat(presets.defaultPreset()).isEqualTo("default");
            assertThat(presets.presets())
                    .allSatisfy(p -> assertThat(p.description()).isNotBlank());
        }
    }

    @Test
    void getVoicesListsTheInstalledVoices() {
        client.publishJson(Topics.TTS_GET_VOICES, new GetVoices("voices-1", "kitchen"));
        final Voices voices = client.await(Topics.TTS_VOICES, m -> m.text().contains("voices-1"))
                .json(Voices.class);
        assertThat(voices.id()).isEqualTo("voices-1");
        assertThat(voices.siteId()).isEqualTo("kitchen");
        assertThat(voices.voices())
                .containsExactly(new Voices.Voice("cmu-slt-hsmm", "CMU SLT, US English, female (MaryTTS HSMM)"));
    }

    // ---- bad input: an error naming the problem, and still sayFinished --------------------------

    static Stream<Arguments> badSays() {
        final String tooLong = "word ".repeat(MAX_TEXT / 5 + 1);
        return Stream.of(
                Arguments.of("empty", "{\"text\": \"\", \"id\": \"bad-empty\"}", "text is empty"),
                Arguments.of("blank", "{\"text\": \"  \\n \", \"id\": \"bad-blank\"}", "text is empty"),
                Arguments.of("punctuation only", "{\"text\": \"...!\", \"id\": \"bad-punct\"}", "nothing to speak"),
                Arguments.of(
                        "too long",
                        "{\"text\": \"" + tooLong + "\", \"id\": \"bad-long\"}",
                        "the limit is " + MAX_TEXT),
                Arguments.of(
                        "unknown voice",
                        "{\"text\": \"Hi.\", \"id\": \"bad-voice\", \"voice\": \"nobody\"}",
                        "unknown-voice: Unknown voice 'nobody'"),
                Arguments.of(
                        "unknown language",
                        "{\"text\": \"Hallo.\", \"id\": \"bad-lang\", \"lang\": \"de\"}",
                        "unknown-language: No voice for language 'de'"),
                Arguments.of(
                        "unknown preset",
                        "{\"text\": \"Hi.\", \"id\": \"bad-preset\", \"preset\": \"opera\"}",
                        "unknown-preset"),
                Arguments.of(
                        "invalid SSML",
                        "{\"text\": \"<speak>Hello <break></speak>\", \"id\": \"bad-ssml\"}",
                        "invalid-ssml: Invalid SSML at line 1"),
                Arguments.of(
                        "volume out of range",
                        "{\"text\": \"Hi.\", \"id\": \"bad-volume\", \"volume\": 2}",
                        "volume must be between 0 and 1"),
                Arguments.of(
                        "volume of the wrong type",
                        "{\"text\": \"Hi.\", \"id\": \"bad-volume-type\", \"volume\": \"loud\"}",
                        "volume"),
                Arguments.of("text of the wrong type", "{\"text\": 42, \"id\": \"bad-text-type\"}", "text"),
                Arguments.of(
                        "text missing",
                        "{\"id\": \"bad-no-text\", \"siteId\": \"porch\"}",
                        "missing required key \"text\""),
                Arguments.of(
                        "voice of the wrong type",
                        "{\"text\": \"Hi.\", \"id\": \"bad-voice-type\", \"voice\": 5}",
                        "voice: must be a string"),
                Arguments.of(
                        "siteId not a topic level",
                        "{\"text\": \"Hi.\", \"id\": \"bad-site\", \"siteId\": \"a/b\"}",
                        "siteId \"a/b\" cannot be a topic level"),
                Arguments.of(
                        "JSON cut off after the id",
                        "{\"id\": \"bad-json\", \"siteId\": \"porch\", \"text\": \"Hel",
                        "invalid-json"),
                Arguments.of("id of the wrong type", "{\"text\": \"Hi.\", \"id\": 4711}", "id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSays")
    void badInputGetsAnErrorNamingTheProblemAndStillSayFinished(
            final String what, final String payload, final String expected) {
        final String id = payload.contains("4711") ? "4711" : payload.replaceAll("(?s).*\"id\": \"([^\"]+)\".*", "$1");
        final String site = payload.contains("\"porch\"") ? "porch" : payload.contains("a/b") ? "a/b" : "default";
        say(payload);
        final HermesError error = client.await(
                        Topics.ERROR_TTS,
                        m -> id.equals(m.json(HermesError.class).context()))
                .json(HermesError.class);
        assertThat(error.error()).contains(expected);
        assertThat(error.siteId()).isEqualTo(site);
        final TtsSayFinished finished = awaitSayFinished(id).json(TtsSayFinished.class);
        assertThat(finished.siteId()).isEqualTo(site);
        final ChorusError report = client.await(
                        Topics.error("tts"),
                        m -> m.text()
                                .contains(error.error()
                                        .substring(0, Math.min(40, error.error().length()))
                                        .replace("\"", "\\\"")))
                .json(ChorusError.class);
        assertThat(report.topic()).isEqualTo(Topics.TTS_SAY);
        assertThat(audio.plays()).noneMatch(p -> p.requestId().equals(id));
    }

    @Test
    void notJsonAtAllGetsAnErrorOnly() {
        say("this is not JSON");
        final ChorusError report = client.await(
                        Topics.error("tts"), m -> m.text().contains("this is not JSON"))
                .json(ChorusError.class);
        assertThat(report.error()).startsWith("invalid-json: not JSON");
        final HermesError error = client.await(
                        Topics.ERROR_TTS, m -> m.json(HermesError.class).error().equals(report.error()))
                .json(HermesError.class);
        assertThat(error.context()).isNull();
        assertThat(error.siteId()).isEqualTo("default");
    }

    // ---- sites and sentences --------------------------------------------------------------------

    @Test
    void twoSitesAreSpokenAtTheSameTime() {
        audio.silent("left", "right");
        say("{\"text\": \"This is the left room speaking now.\", \"siteId\": \"left\", \"id\": \"two-left\"}");
        say("{\"text\": \"And this is the right room speaking.\", \"siteId\": \"right\", \"id\": \"two-right\"}");
        // both sites get their audio while neither has finished playing
        audio.awaitPlay("left", "two-left");
        audio.awaitPlay("right", "two-right");
        assertThat(sayFinished("two-left")).isEmpty();
        assertThat(sayFinished("two-right")).isEmpty();
        audio.finish("right", "two-right");
        awaitSayFinished("two-right");
        assertThat(sayFinished("two-left")).isEmpty();
        audio.finish("left", "two-left");
        awaitSayFinished("two-left");
    }

    /**
     * Only what MQTT and causality guarantee: the order of one topic as one client sees it, and "after" between
     * times taken on one side of a cause and its effect. Never the arrival order of messages at two different
     * clients (the broker forwards to each subscriber independently: say 2's playBytes may reach the audio
     * server before say 1's sayFinished reaches the Hermes client).
     */
    @Test
    void oneSiteSpeaksItsSaysInOrder() {
        final RecordingSayEvents events = module.getBean(RecordingSayEvents.class);
        final List<String> ids = List.of("order-1", "order-2", "order-3");
        say("{\"text\": \"First of three in the hall.\", \"siteId\": \"hall\", \"id\": \"order-1\"}");
        say("{\"text\": \"Second of three in the hall.\", \"siteId\": \"hall\", \"id\": \"order-2\"}");
        say("{\"text\": \"Third of three in the hall.\", \"siteId\": \"hall\", \"id\": \"order-3\"}");
        ids.forEach(this::awaitSayFinished);
        // one topic, one publisher, one subscriber: in the order the tts sent them
        assertThat(client.received(Topics.TTS_SAY_FINISHED).stream()
                        .map(m -> m.json(TtsSayFinished.class).id())
                        .filter(id -> id != null && ids.contains(id))
                        .toList())
                .containsExactlyElementsOf(ids);
        for (int i = 1; i < ids.size(); i++) {
            final String previous = ids.get(i - 1);
            final String next = ids.get(i);
            // the tts side (its site thread, one clock): the next say starts, and its audio goes out, only after the
            // previous say's sayFinished is queued on the module's one connection
            final long previousFinished = events.find("finished", previous, 0).at();
            assertThat(events.find("started", next, 0).at())
                    .as(next + " started")
                    .isGreaterThan(previousFinished);
            assertThat(events.find("published", next, 0).at())
                    .as(next + " published")
                    .isGreaterThan(previousFinished);
            // the audio server side (one client, one clock): the next say's audio arrives only after it answered
            // the previous one, because the tts waits for that playFinished
            assertThat(audio.awaitPlay("hall", next).arrivedAt())
                    .as(next + " arrived")
                    .isGreaterThan(audio.answeredAt("hall", previous));
        }
        assertThat(audio.plays("hall"))
                .extracting(AudioServerStub.Play::requestId)
                .containsExactlyElementsOf(ids);
    }

    @Test
    void theFirstSentenceIsPublishedBeforeTheLastIsSynthesized() {
        final RecordingSayEvents events = module.getBean(RecordingSayEvents.class);
        audio.silent("study");
        say("{\"text\": \"The study lamp is now on. The heating goes up by two degrees. A parcel arrived at noon."
                + " The window in the study is still open. Dinner will be ready at seven.\","
                + " \"siteId\": \"study\", \"id\": \"para\"}");
        final List<String> playIds = List.of("para-0", "para-1", "para-2", "para-3", "para");
        final RecordingSayEvents.Event lastSynthesized = await().atMost(StampedClient.WAIT)
                .until(() -> findEvent(events, "synthesized", "para", 4), e -> e != null);
        assertThat(lastSynthesized.n()).isEqualTo(5);
        // measured where it happens (the tts's clock): the first sentence was published (broker acknowledged)
        // before the last one was synthesized. When it reaches the audio server is up to the broker and the
        // machine's load, not the tts: no assertion on that.
        assertThat(events.find("published", "para", 0).at()).isLessThan(lastSynthesized.at());
        for (final String playId : playIds) {
            audio.awaitPlay("study", playId);
        }
        // published in speaking order (tts side); the audio server got each of them (five topics: MQTT orders
        // each topic, not the five among each other)
        assertThat(events.of("published", "para"))
                .extracting(RecordingSayEvents.Event::playId)
                .containsExactlyElementsOf(playIds);
        assertThat(audio.plays("study"))
                .extracting(AudioServerStub.Play::requestId)
                .containsExactlyInAnyOrderElementsOf(playIds);
        // sayFinished waits for the playFinished of every chunk, in any order
        for (final String playId : List.of("para", "para-3", "para-1", "para-0")) {
            audio.finish("study", playId);
        }
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> sayFinished("para").isEmpty());
        audio.finish("study", "para-2");
        awaitSayFinished("para");
        for (final AudioServerStub.Play play : audio.plays("study")) {
            assertThat(play.wav().sampleRate()).isEqualTo(16000);
            assertThat(play.wav().duration()).isBetween(Duration.ofMillis(800), Duration.ofMillis(5000));
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /**
     * chorus/audioServer/{siteId}/stop (sent by the dialogue manager when a wake word interrupts): the audio server
     * here never answers, so without the stop neither say could finish within the wait (play margin 120 s).
     */
    @Test
    void stopEndsTheSaysOfTheSiteEachWithItsSayFinished() {
        audio.silent("porch");
        say("{\"text\": \"The porch light is on. The door is locked. The post came at noon.\","
                + " \"siteId\": \"porch\", \"id\": \"story\", \"sessionId\": \"s-1\"}");
        say("{\"text\": \"Waiting in line.\", \"siteId\": \"porch\", \"id\": \"behind\"}");
        await().atMost(StampedClient.WAIT).until(() -> audio.plays("porch"), list -> !list.isEmpty());

        try (TestMqttClient dialogue = TestMqttClient.connect(BROKER, "dialogue")) {
            dialogue.publish(Topics.audioServerStop("porch"), "{\"siteId\": \"porch\"}");
        }
        assertThat(awaitSayFinished("story").text())
                .isEqualTo("{\"siteId\": \"porch\", \"id\": \"story\", \"sessionId\": \"s-1\"}");
        awaitSayFinished("behind");
        assertThat(audio.plays("porch"))
                .extracting(AudioServerStub.Play::requestId)
                .as("the say waiting behind is dropped, never spoken")
                .noneMatch(id -> id.startsWith("behind"));
        assertThat(errors("story")).isEmpty();
        assertThat(errors("behind")).isEmpty();
    }

    private static RecordingSayEvents.Event findEvent(
            final RecordingSayEvents events, final String kind, final String requestId, final int k) {
        try {
            return events.find(kind, requestId, k);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static void say(final String json) {
        client.publish(Topics.TTS_SAY, json);
    }

    private List<StampedClient.Message> sayFinished(final String id) {
        return client.received(Topics.TTS_SAY_FINISHED).stream()
                .filter(m -> id.equals(m.json(TtsSayFinished.class).id()))
                .toList();
    }

    private StampedClient.Message awaitSayFinished(final String id) {
        return client.await(
                Topics.TTS_SAY_FINISHED,
                m -> id.equals(m.json(TtsSayFinished.class).id()));
    }

    private List<StampedClient.Message> errors(final String id) {
        return client.received(Topics.ERROR_TTS).stream()
                .filter(m -> id.equals(m.json(HermesError.class).context()))
                .toList();
    }
}
