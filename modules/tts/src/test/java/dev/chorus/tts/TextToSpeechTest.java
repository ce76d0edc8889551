package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine end to end with real MaryTTS (one shared engine; a few tests start their own). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TextToSpeechTest {

    private final TextToSpeech tts = TestSupport.shared();

    @Test
    void producesA16kMono16BitWavOfSaneLengthThatIsNotSilent() {
        final String text = "The weather today is sunny and warm.";
        final byte[] bytes = tts.synthesize(SpeechRequest.of(text)).toWav();

        final Pcm16 wav = Pcm16.fromWav(bytes);
        assertThat(wav.sampleRate()).isEqualTo(16000);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        // 7 words: between 0.2 and 0.6 s a word
        assertThat(wav.duration().toMillis()).isBetween(7 * 200L, 7 * 600L);
        assertThat(wav.rms()).isGreaterThan(0.03);
        assertThat(wav.peak()).isBetween(0.2, 0.999);
        assertThat(wav.isSilent(0.05)).isFalse();
    }

    @Test
    void otherSampleRatesAndVolume() {
        final TtsConfig config = TestSupport.config().withSampleRate(22050).withCacheMaxBytes(0);
        try (TextToSpeech other = startLight(config)) {
            final Pcm16 wav = other.synthesize(SpeechRequest.of("Good morning."));
            assertThat(wav.sampleRate()).isEqualTo(22050);
            final Pcm16 full = tts.synthesize(SpeechRequest.of("Good morning."));
            assertThat(wav.duration().toMillis()).isCloseTo(full.duration().toMillis(), within(5L));
        }
        final Pcm16 full = tts.synthesize(SpeechRequest.of("Good morning."));
        final Pcm16 half = tts.synthesize(SpeechRequest.of("Good morning.").withVolume(0.5));
        assertThat(half.peak()).isCloseTo(full.peak() / 2, within(0.001));
        assertThat(tts.synthesize(SpeechRequest.of("Good morning.").withVolume(0.0))
                        .isSilent(0.0001))
                .isTrue();
    }

    @Test
    void aLexiconEntryChangesHowAWordSounds() throws IOException {
        final Path dir = TestSupport.copyOfConfigDir();
        Files.writeString(
                dir.resolve(Lexicon.FILE), "Zorblax = good morning\n", java.nio.file.StandardOpenOption.APPEND);
        try (TextToSpeech withEntry =
                startLight(TestSupport.config().withConfigDir(dir).withCacheMaxBytes(0))) {
            final byte[] respelled =
                    withEntry.synthesize(SpeechRequest.of("Zorblax.")).toWav();
            assertThat(respelled)
                    .isNotEqualTo(tts.synthesize(SpeechRequest.of("Zorblax.")).toWav());
            // MaryTTS is deterministic: the respelled word sounds exactly like its respelling
            assertThat(respelled)
                    .isEqualTo(tts.synthesize(SpeechRequest.of("good morning.")).toWav());
        }
        // and the repo lexicon's own entries are in effect
        assertThat(tts.synthesize(SpeechRequest.of("MQTT")).toWav())
                .isEqualTo(tts.synthesize(SpeechRequest.of("M Q T T")).toWav());
    }

    @Test
    void presetsChangeTheAudio() {
        final String text = "Please turn off the lights in the kitchen.";
        final Pcm16 plain = tts.synthesize(SpeechRequest.of(text));
        final Pcm16 slow = tts.synthesize(SpeechRequest.of(text).withPreset("slow"));
        final Pcm16 fast = tts.synthesize(SpeechRequest.of(text).withPreset("fast"));
        final Pcm16 robot = tts.synthesize(SpeechRequest.of(text).withPreset("robot"));
        final Pcm16 deep = tts.synthesize(SpeechRequest.of(text).withPreset("deep"));

        final double base = plain.duration().toMillis();
        assertThat(slow.duration().toMillis() / base).isGreaterThan(1.15); // rate 0.8 → phones 1.25x
        assertThat(fast.duration().toMillis() / base).isLessThan(0.88); // rate 1.3 → phones 0.77x
        assertThat(robot.duration()).isEqualTo(plain.duration());
        assertThat(robot.toWav()).isNotEqualTo(plain.toWav());
        assertThat(deep.toWav()).isNotEqualTo(plain.toWav());
        assertThat(tts.synthesize(SpeechRequest.of(text).withPreset("default")).toWav())
                .isEqualTo(plain.toWav());
    }

    @Test
    void ssmlIsAccepted() {
        final Pcm16 plain = tts.synthesize(SpeechRequest.of("Hello world."));
        final Pcm16 ssml = tts.synthesize(SpeechRequest.of("<speak>Hello <break time=\"800ms\"/> world.</speak>"));
        final Pcm16 namespaced = tts.synthesize(SpeechRequest.of("<?xml version=\"1.0\"?>"
                + "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"en-US\">"
                + "<prosody rate=\"slow\">Hello world.</prosody></speak>"));

        assertThat(ssml.duration().toMillis()).isGreaterThan(plain.duration().toMillis() + 500);
        assertThat(namespaced.duration().toMillis())
                .isGreaterThan(plain.duration().toMillis() + 100);
        assertThat(ssml.isSilent(0.05)).isFalse();
    }

    @Test
    void requestErrorsAreTypedAndClear() {
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("<speak>Hello <break></speak>")))
                .isInstanceOf(TtsException.InvalidSsml.class)
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("Hi").withVoice("nobody")))
                .isInstanceOf(TtsException.UnknownVoice.class)
                .hasMessageContaining("cmu-slt-hsmm");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("Hallo").withLang("de_DE")))
                .isInstanceOf(TtsException.UnknownLanguage.class)
                .hasMessageContaining("de_DE");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("Hi").withPreset("loud")))
                .isInstanceOf(TtsException.UnknownPreset.class);
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("")))
                .isInstanceOf(TtsException.InvalidRequest.class)
                .hasMessage("text is empty");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("  \n ")))
                .isInstanceOf(TtsException.InvalidRequest.class);
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("...")))
                .isInstanceOf(TtsException.InvalidRequest.class)
                .hasMessageContaining("nothing to speak");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("a".repeat(2001))))
                .isInstanceOf(TtsException.InvalidRequest.class)
                .hasMessageContaining("CHORUS_TTS_MAX_TEXT_CHARS");
        assertThatThrownBy(() -> tts.synthesize(SpeechRequest.of("Hi").withVolume(1.5)))
                .isInstanceOf(TtsException.InvalidRequest.class)
                .hasMessageContaining("volume");
        assertThat(tts.synthesize(SpeechRequest.of("Hi").withLang("en_US").withVoice(" "))
                        .duration())
                .isPositive();
    }

    @Test
    void sentencesComeAsSeparateChunksThatJoinToTheWhole() {
        final SpeechRequest request = SpeechRequest.of(
                "The first sentence is short. The second one is a little longer than that! Is this the third?");
        final List<CompletableFuture<Pcm16>> chunks = tts.synthesizeSentences(request);
        assertThat(chunks).hasSize(3);
        final List<Pcm16> parts = new ArrayList<>();
        for (final CompletableFuture<Pcm16> chunk : chunks) {
            parts.add(chunk.join());
        }
        assertThat(Pcm16.concat(parts).toWav())
                .isEqualTo(tts.synthesize(request).toWav());
        assertThat(parts).allSatisfy(p -> assertThat(p.isSilent(0.05)).isFalse());
    }

    @Test
    void aLongFirstSentenceIsAHeadAndATailThatAreExactlyTheWholeSentence() throws Exception {
        final String first = "Please turn off all the lights in the living room.";
        assertThat(TextToSpeech.words(first)).isEqualTo(10);
        assertThat(tts.prepare(SpeechRequest.of("Turn on the light in the kitchen."))
                        .size())
                .as("7 words: one chunk, as Rhasspy sends it")
                .isEqualTo(1);
        assertThat(tts.prepare(SpeechRequest.of(first + " Good night. " + first))
                        .size())
                .as("only the first sentence is split")
                .isEqualTo(4);
        assertThat(tts.prepare(SpeechRequest.of("<speak>" + first + "</speak>")).size())
                .isEqualTo(2);

        // cache off, so both parts come from MaryTTS's stream; compared with raw MaryTTS resampled in one go
        try (TextToSpeech fresh = startLight(TestSupport.config().withCacheMaxBytes(0))) {
            final TextToSpeech.Utterance utterance = fresh.prepare(SpeechRequest.of(first));
            assertThat(utterance.size()).isEqualTo(2);
            final Pcm16 head = utterance.await(0);
            final Pcm16 tail = utterance.await(1);
            final marytts.LocalMaryInterface raw = new marytts.LocalMaryInterface();
            raw.setVoice("cmu-slt-hsmm");
            final Pcm16 whole;
            try (javax.sound.sampled.AudioInputStream ais = raw.generateAudio(first)) {
                whole = Resampler.resample(SpeechEngine.readFully(ais), 16000);
            }
            assertThat(Pcm16.concat(List.of(head, tail)).samples())
                    .as("no seam: head + tail is the sentence as one")
                    .isEqualTo(whole.samples());
            // at least 400 ms of speech and a fifth of the estimate (50 characters x 12 ms), far from the end
            assertThat(head.duration().toMillis())
                    .isBetween(600L, whole.duration().toMillis() / 2);
            final short[] s = whole.samples();
            assertThat(SeamFinder.rms(s, head.frames() - 80, 160))
                    .as("the cut is in a quiet 10 ms")
                    .isLessThan(SeamFinder.QUIET_RMS);
        }
    }

    @Test
    void concurrentRequestsWithDifferentPresetsSoundAsWhenAlone() {
        final String text = "Set a timer for ten minutes.";
        final List<String> presets = List.of("default", "deep", "slow", "robot", "deep", "default");
        final Map<String, byte[]> alone = new java.util.HashMap<>();
        for (final String preset : presets) {
            alone.put(
                    preset,
                    tts.synthesize(SpeechRequest.of(text).withPreset(preset)).toWav());
        }
        // a cache hit would hide a mix-up: render these with the cache off
        final ExecutorService callers = Executors.newFixedThreadPool(4);
        try (TextToSpeech uncached = TextToSpeech.start(TestSupport.config().withCacheMaxBytes(0))) {
            final List<CompletableFuture<byte[]>> together = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (final String preset : presets) {
                    together.add(CompletableFuture.supplyAsync(
                            () -> uncached.synthesize(SpeechRequest.of(text).withPreset(preset))
                                    .toWav(),
                            callers));
                }
            }
            for (int i = 0; i < together.size(); i++) {
                assertThat(together.get(i).join())
                        .as("request %d (%s)", i, presets.get(i % presets.size()))
                        .isEqualTo(alone.get(presets.get(i % presets.size())));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCacheHitReturnsIdenticalBytesAlsoAfterARestart() {
        final TtsConfig config = TestSupport.config().withCacheMaxBytes(8L << 20);
        final SpeechRequest request = SpeechRequest.of("The cache should remember this sentence.");
        final byte[] first;
        try (TextToSpeech one = startLight(config)) {
            first = one.synthesize(request).toWav();
            final long hits = one.cacheHits();
            assertThat(one.synthesize(request).toWav()).isEqualTo(first);
            assertThat(one.cacheHits()).isEqualTo(hits + 1);
            // the volume is applied after the cache: same entry, scaled
            assertThat(one.synthesize(request.withVolume(0.5)).peak())
                    .isCloseTo(Pcm16.fromWav(first).peak() / 2, within(0.001));
            assertThat(one.cacheHits()).isEqualTo(hits + 2);
        }
        try (TextToSpeech again = startLight(config)) {
            assertThat(again.synthesize(request).toWav()).isEqualTo(first);
            assertThat(again.cacheHits()).isEqualTo(1);
            // another preset is another entry
            assertThat(again.synthesize(request.withPreset("fast")).toWav()).isNotEqualTo(first);
            assertThat(again.cacheHits()).isEqualTo(1);
        }
    }

    @Test
    void startUpChecksNameTheProblem() throws IOException {
        assertThatThrownBy(() -> TextToSpeech.start(TestSupport.config().withConfigDir(TestSupport.tempDir("none"))))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageContaining("voices.yml: file not found");

        final Map<String, String> env = Map.of(
                "CHORUS_TTS_CONFIG_DIR",
                TestSupport.repoConfigDir().toString(),
                "CHORUS_TTS_DEFAULT_LANGUAGE",
                "de",
                "CHORUS_TTS_CACHE_MAX_BYTES",
                "0");
        assertThatThrownBy(() -> TextToSpeech.start(TtsConfig.fromEnv(env)))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageContaining("CHORUS_TTS_DEFAULT_LANGUAGE=de");

        final Path dir = TestSupport.copyOfConfigDir();
        Files.writeString(dir.resolve(VoiceCatalog.FILE), """
                voices:
                  - {id: cmu-slt-hsmm, engine: marytts, maryVoice: cmu-slt-hsmm, locale: en-US, gender: female}
                  - {id: bdl, engine: marytts, maryVoice: cmu-bdl-hsmm, locale: en-US, gender: male}
                """);
        assertThatThrownBy(() -> TextToSpeech.start(
                        TestSupport.config().withConfigDir(dir).withCacheMaxBytes(0)))
                .isInstanceOf(TtsException.StartupFailed.class)
                .hasMessageStartingWith("voices.yml:3: voice 'bdl' needs MaryTTS voice 'cmu-bdl-hsmm'");

        Files.writeString(dir.resolve(Presets.FILE), "presets:\n  slow:\n    rate: 0.8\n");
        Files.copy(
                TestSupport.repoConfigDir().resolve(VoiceCatalog.FILE),
                dir.resolve(VoiceCatalog.FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> TextToSpeech.start(
                        TestSupport.config().withConfigDir(dir).withCacheMaxBytes(0)))
                .isInstanceOf(TtsException.BadConfig.class)
                .hasMessageContaining("CHORUS_TTS_DEFAULT_PRESET=default");
    }

    /** A second engine with one worker (MaryTTS is already up, so this only warms one worker). */
    private static TextToSpeech startLight(final TtsConfig config) {
        return TextToSpeech.start(new TtsConfig(
                config.configDir(),
                config.dataDir(),
                config.sampleRate(),
                1,
                config.cacheMaxBytes(),
                config.maxTextChars(),
                config.defaultLanguage(),
                config.defaultPreset(),
                config.timeout()));
    }
}
