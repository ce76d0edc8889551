package dev.chorus.tts.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonFactory;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.tts.Pcm16;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hermes layer's pure parts: settings, the start-up check, lenient id reading, a say's jobs from its journal
 * progress, audio splitting.
 */
class HermesUnitTest {

    @TempDir
    Path temp;

    @Test
    void settingsDefaultsAndVariables() {
        assertThat(SayServiceSettings.fromEnv(name -> null))
                .isEqualTo(new SayServiceSettings(32, Duration.ofSeconds(2), 4 * 1024 * 1024));
        assertThat(SayServiceSettings.fromEnv(Map.of(
                        "CHORUS_TTS_QUEUE",
                        "5",
                        "CHORUS_TTS_PLAY_MARGIN_SECONDS",
                        "0.25",
                        "CHORUS_TTS_MAX_PLAY_BYTES",
                        "256K")::get))
                .isEqualTo(new SayServiceSettings(5, Duration.ofMillis(250), 256 * 1024));
        assertThat(SayServiceSettings.fromEnv(
                        Map.of("CHORUS_TTS_PLAY_MARGIN_SECONDS", "500ms", "CHORUS_TTS_MAX_PLAY_BYTES", "1G")::get))
                .isEqualTo(new SayServiceSettings(32, Duration.ofMillis(500), 1 << 30));
        assertThatThrownBy(() -> SayServiceSettings.fromEnv(Map.of("CHORUS_TTS_QUEUE", "0")::get))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_TTS_QUEUE: \"0\" is not a whole number between 1 and 10000");
        assertThatThrownBy(() -> SayServiceSettings.fromEnv(Map.of("CHORUS_TTS_PLAY_MARGIN_SECONDS", "soon")::get))
                .hasMessage("CHORUS_TTS_PLAY_MARGIN_SECONDS: \"soon\" is not a duration between 0s and 10m "
                        + "(examples: 500ms, 30s, 5m, 1h; a plain number is seconds)");
        assertThatThrownBy(() -> SayServiceSettings.fromEnv(Map.of("CHORUS_TTS_MAX_PLAY_BYTES", "1000")::get))
                .hasMessageStartingWith("CHORUS_TTS_MAX_PLAY_BYTES: \"1000\" is not a size between 64K and ");
    }

    @Test
    void theStartUpCheckNamesTheVariableOrTheFileAndLine() throws Exception {
        final Map<String, String> env = new HashMap<>();
        final Path password = Files.writeString(temp.resolve("password"), "secret");
        env.put("CHORUS_MQTT_PASSWORD_FILE", password.toString());
        env.put("CHORUS_DATA_DIR", temp.resolve("data").toString());
        env.put("CHORUS_TTS_CONFIG_DIR", TtsTestModule.repoConfigDir().toString());
        TtsConfigCheck.check(new MapEnvSource(env));
        assertThat(temp.resolve("data")).isDirectory();

        env.put("CHORUS_TTS_SAMPLE_RATE", "fast");
        assertThatThrownBy(() -> TtsConfigCheck.check(new MapEnvSource(env)))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_TTS_SAMPLE_RATE: \"fast\" is not a whole number between 8000 and 48000");
        env.remove("CHORUS_TTS_SAMPLE_RATE");

        env.put("CHORUS_TTS_QUEUE", "-1");
        assertThatThrownBy(() -> TtsConfigCheck.check(new MapEnvSource(env)))
                .hasMessage("CHORUS_TTS_QUEUE: \"-1\" is not a whole number between 1 and 10000");
        env.remove("CHORUS_TTS_QUEUE");

        env.put("CHORUS_TTS_DEFAULT_LANGUAGE", "de");
        assertThatThrownBy(() -> TtsConfigCheck.check(new MapEnvSource(env)))
                .hasMessageStartingWith("CHORUS_TTS_DEFAULT_LANGUAGE: de has no voice in voices.yml");
        env.remove("CHORUS_TTS_DEFAULT_LANGUAGE");

        final Path config = Files.createDirectories(temp.resolve("tts"));
        Files.copy(TtsTestModule.repoConfigDir().resolve("voices.yml"), config.resolve("voices.yml"));
        Files.writeString(config.resolve("lexicon.txt"), "# comment\nMQTT M Q T T\n");
        env.put("CHORUS_TTS_CONFIG_DIR", config.toString());
        assertThatThrownBy(() -> TtsConfigCheck.check(new MapEnvSource(env)))
                .hasMessageStartingWith("CHORUS_TTS_CONFIG_DIR: lexicon.txt:2: ");

        env.put("CHORUS_TTS_DATA_DIR", "/var/lib/chorus/tts");
        assertThatThrownBy(() -> TtsConfigCheck.check(new MapEnvSource(env)))
                .hasMessageStartingWith("CHORUS_TTS_DATA_DIR: is no longer read");
    }

    @Test
    void sayFieldsAreReadUpToTheFirstError() {
        assertThat(read("{\"text\": 5, \"siteId\": \"hall\", \"id\": \"a\", \"sessionId\": \"s\", \"volume\": [1]}"))
                .isEqualTo(new SayFields(true, "a", "hall", "s"));
        assertThat(read("{\"id\": \"cut\", \"siteId\": \"porch\", \"text\": \"Hel"))
                .isEqualTo(new SayFields(true, "cut", "porch", null));
        assertThat(read("{\"text\": \"x\", \"nested\": {\"id\": \"inner\"}, \"id\": 42}"))
                .isEqualTo(new SayFields(true, "42", null, null));
        assertThat(read("{\"id\": null, \"siteId\": true}")).isEqualTo(new SayFields(true, null, null, null));
        assertThat(read("[\"id\", \"x\"]")).isEqualTo(new SayFields(false, null, null, null));
        assertThat(read("not json")).isEqualTo(new SayFields(false, null, null, null));
        assertThat(read("")).isEqualTo(new SayFields(false, null, null, null));
    }

    @Test
    void aSaysJobsStartWhereItsJournalEntryLeftEachSiteAndWriteTheirProgressBack() {
        final Journal journal = Journal.open(temp.resolve("journal"));
        final byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        final PreparedSay say = new PreparedSay("s", "s", null, null, payload, 0); // the utterance is not read here

        // hermes/tts/say: the mark is its one site's progress
        assertThat(SayJournal.Sites.startMark(Topics.TTS_SAY, List.of("hall"))).isEqualTo("0 0");
        final Journal.Entry one = journal.record(Topics.TTS_SAY, payload, "2 5").orElseThrow();
        final SayJob hall = SayJob.forSites(say, List.of("hall"), SayJournal.Sites.of(one, List.of("hall")))
                .get(0);
        assertThat(hall.siteId()).isEqualTo("hall");
        assertThat(hall.from()).isEqualTo(new SayJournal.Progress(2, 5));
        hall.progress(3, 7);
        assertThat(one.progress()).isEqualTo("3 7");
        hall.entry().complete();
        assertThat(one.completed()).isTrue();

        // chorus/tts/say: one mark for every site not finished; a finished site gets no job
        final List<String> sites = List.of("attic", "kitchen", "porch");
        assertThat(SayJournal.Sites.startMark(Topics.TTS_SAY_SITES, sites))
                .isEqualTo("{\"attic\":\"0 0\",\"kitchen\":\"0 0\",\"porch\":\"0 0\"}");
        final Journal.Entry several = journal.record(
                        Topics.TTS_SAY_SITES, payload, "{\"kitchen\": \"1 1\", \"porch\": \"0 0\"}")
                .orElseThrow();
        final List<SayJob> left = SayJob.forSites(say, sites, SayJournal.Sites.of(several, sites));
        assertThat(left)
                .extracting(SayJob::siteId, SayJob::from)
                .containsExactly(
                        tuple("kitchen", new SayJournal.Progress(1, 1)), tuple("porch", SayJournal.Progress.START));
        left.get(0).progress(2, 2);
        assertThat(several.progress()).isEqualTo("{\"kitchen\":\"2 2\",\"porch\":\"0 0\"}");
        left.get(1).entry().complete();
        assertThat(several.progress()).isEqualTo("{\"kitchen\":\"2 2\"}");
        left.get(0).entry().complete();
        assertThat(several.completed()).isTrue();

        // not journaled: every site from its start, nothing to write to
        assertThat(SayJob.forSites(say, sites, SayJournal.Sites.untracked(sites)))
                .extracting(SayJob::siteId, SayJob::from, SayJob::entry)
                .containsExactly(
                        tuple("attic", SayJournal.Progress.START, null),
                        tuple("kitchen", SayJournal.Progress.START, null),
                        tuple("porch", SayJournal.Progress.START, null));
        assertThat(journal.size()).isZero();
    }

    @Test
    void audioLongerThanOnePacketIsSplitIntoWholeWavs() {
        final short[] samples = new short[100_000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) i;
        }
        final Pcm16 wav = Pcm16.mono(16000, samples);
        assertThat(Speaker.split(wav, 4 * 1024 * 1024)).containsExactly(wav);
        final List<Pcm16> parts = Speaker.split(wav, 64 * 1024);
        assertThat(parts).hasSize(4);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.toWav().length).isLessThanOrEqualTo(64 * 1024);
            assertThat(p.sampleRate()).isEqualTo(16000);
        });
        assertThat(Pcm16.concat(parts).samples()).isEqualTo(samples);
    }

    private static SayFields read(final String json) {
        return SayFields.read(new JsonFactory(), json.getBytes(StandardCharsets.UTF_8));
    }
}
