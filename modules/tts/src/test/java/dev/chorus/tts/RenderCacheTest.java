package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

class RenderCacheTest {

    private static final int ENTRY_BYTES = 44 + 2000; // 1000 samples

    @Test
    void storesAndReturnsIdenticalAudio() {
        final RenderCache cache = new RenderCache(TestSupport.tempDir("cache"), 1 << 20);
        final Pcm16 wav = Pcm16.mono(16000, TestSupport.sine(16000, 300, 0.3, 0.1));
        cache.put("k1", wav);
        assertThat(cache.get("k1"))
                .hasValueSatisfying(w -> assertThat(w.toWav()).isEqualTo(wav.toWav()));
        assertThat(cache.get("k2")).isEmpty();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void evictsLeastRecentlyUsedBeyondTheBound() throws IOException {
        final Path dir = TestSupport.tempDir("cache");
        final RenderCache cache = new RenderCache(dir, 3L * ENTRY_BYTES);
        for (final String key : new String[] {"a", "b", "c"}) {
            cache.put(key, entry());
        }
        // make the order explicit: a oldest, then b, then c; reading a makes it the newest
        age(dir, "a", 300);
        age(dir, "b", 200);
        age(dir, "c", 100);
        assertThat(cache.get("a")).isPresent();

        cache.put("d", entry());

        assertThat(Files.exists(dir.resolve("b.wav"))).isFalse();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.get("c")).isPresent();
        assertThat(cache.get("d")).isPresent();
        assertThat(cache.sizeBytes()).isLessThanOrEqualTo(3L * ENTRY_BYTES);
    }

    @Test
    void survivesARestartAndShrinksToANewBound() {
        final Path dir = TestSupport.tempDir("cache");
        final RenderCache first = new RenderCache(dir, 10L * ENTRY_BYTES);
        for (int i = 0; i < 5; i++) {
            first.put("k" + i, entry());
        }
        final RenderCache again = new RenderCache(dir, 10L * ENTRY_BYTES);
        assertThat(again.sizeBytes()).isEqualTo(5L * ENTRY_BYTES);
        assertThat(again.get("k3")).isPresent();

        final RenderCache smaller = new RenderCache(dir, 2L * ENTRY_BYTES);
        assertThat(smaller.sizeBytes()).isLessThanOrEqualTo(2L * ENTRY_BYTES);
    }

    @Test
    void corruptFilesAreMissesAndRemoved() throws IOException {
        final Path dir = TestSupport.tempDir("cache");
        final RenderCache cache = new RenderCache(dir, 1 << 20);
        Files.writeString(dir.resolve("bad.wav"), "not a wav");
        assertThat(cache.get("bad")).isEmpty();
        assertThat(Files.exists(dir.resolve("bad.wav"))).isFalse();
    }

    @Test
    void zeroBoundTurnsItOff() {
        final Path dir = TestSupport.tempDir("cache").resolve("never");
        final RenderCache cache = new RenderCache(dir, 0);
        cache.put("k", entry());
        assertThat(cache.get("k")).isEmpty();
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void keysDependOnEveryPart() {
        assertThat(RenderCache.key("a", "bc"))
                .isNotEqualTo(RenderCache.key("ab", "c"))
                .hasSize(64);
    }

    private static Pcm16 entry() {
        return Pcm16.mono(16000, new short[1000]);
    }

    private static void age(final Path dir, final String key, final int secondsAgo) throws IOException {
        Files.setLastModifiedTime(
                dir.resolve(key + ".wav"), FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000L));
    }
}
