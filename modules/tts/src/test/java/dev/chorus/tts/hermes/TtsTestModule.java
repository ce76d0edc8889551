package dev.chorus.tts.hermes;

import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
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
}
