package dev.chorus.tts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Shared test fixtures: the repo's tts/ folder and one warmed-up engine per test JVM. */
final class TestSupport {

    private static TextToSpeech shared;

    private TestSupport() {}

    /** The repo's tts/ folder (surefire sets CHORUS_TTS_CONFIG_DIR to it). */
    static Path repoConfigDir() {
        final String env = System.getenv("CHORUS_TTS_CONFIG_DIR");
        final Path dir = env != null ? Path.of(env) : Path.of("../../tts");
        if (!Files.isRegularFile(dir.resolve(VoiceCatalog.FILE))) {
            throw new IllegalStateException("repo tts/ folder not found at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** A config on the repo's tts/ folder with its own temporary data folder. */
    static TtsConfig config() {
        return TtsConfig.fromEnv(Map.of(
                "CHORUS_TTS_CONFIG_DIR", repoConfigDir().toString(),
                "CHORUS_DATA_DIR", tempDir("tts-data").toString(),
                "CHORUS_TTS_WORKERS", "2"));
    }

    /** One engine for all tests that only read (starting MaryTTS takes seconds). */
    static synchronized TextToSpeech shared() {
        if (shared == null) {
            shared = TextToSpeech.start(config());
        }
        return shared;
    }

    /** A copy of the repo's tts/ folder to edit. */
    static Path copyOfConfigDir() {
        final Path dir = tempDir("tts-config");
        try {
            for (final String name : new String[] {VoiceCatalog.FILE, Lexicon.FILE, Presets.FILE}) {
                Files.copy(repoConfigDir().resolve(name), dir.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Path tempDir(final String prefix) {
        try {
            final Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sine tone, amplitude 0..1 of full scale. */
    static short[] sine(final int rate, final double hz, final double amplitude, final double seconds) {
        final short[] out = new short[(int) (rate * seconds)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }
}
