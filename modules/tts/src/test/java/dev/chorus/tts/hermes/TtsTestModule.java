package dev.chorus.tts.hermes;

import dev.chorus.runtime.journal.Journal;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tts module's harness as the tests use it: the repo's tts/ folder (or a copy), two workers. */
final class TtsTestModule {

    private TtsTestModule() {}

    /** The repo's tts/ folder (surefire sets CHORUS_TTS_CONFIG_DIR to it). */
    static Path repoConfigDir() {
        final String env = System.getenv("CHORUS_TTS_CONFIG_DIR");
        final Path dir = env != null ? Path.of(env) : Path.of("../../tts");
        if (!Files.isRegularFile(dir.resolve("voices.yml"))) {
            throw new IllegalStateException("repo tts/ folder not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    static ModuleHarness harness(final InProcessBroker broker) {
        return ModuleHarness.of("tts", broker)
                .env("CHORUS_TTS_CONFIG_DIR", repoConfigDir().toString())
                .env("CHORUS_TTS_WORKERS", "2");
    }

    /**
     * A say a previous run accepted and crashed on: {@code payload} on {@code topic} left in the harness's say
     * journal with the progress {@code mark} {@link SayJournal} would have written, so the module resumes it at
     * start.
     *
     * @return the journal's folder, to watch it empty
     */
    static Path journaledSay(final ModuleHarness tts, final String topic, final String payload, final String mark) {
        final Path journal = tts.dataDir().resolve("journal").resolve("say");
        Journal.open(journal).record(topic, payload.getBytes(StandardCharsets.UTF_8), mark);
        return journal;
    }
}
