package dev.chorus.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSinkTest {

    private static final PcmFormat FORMAT = new PcmFormat(16_000, 1, 16);
    private static final Instant T0 = Instant.parse("2025-03-04T05:06:07.089Z");

    @TempDir
    Path tmp;

    @Test
    void writesAWavNamedByTimeSiteAndRequest() throws Exception {
        FolderSink sink = FolderSink.open(tmp.resolve("played"), 10, 1 << 20);
        byte[] samples = {1, 0, 2, 0};
        sink.play(new AudioSink.Playback("kitchen", "req-1", T0, FORMAT, samples));
        List<Path> files = listed(tmp.resolve("played"));
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("20250304T050607\\.089Z-\\d{6}_kitchen_req-1\\.wav");
        Wav.Audio audio = Wav.parse(Files.readAllBytes(files.get(0)));
        assertThat(audio.format()).isEqualTo(FORMAT);
        assertThat(audio.samples()).isEqualTo(samples);
    }

    @Test
    void namesAreSafeForAnySiteOrRequestId() throws Exception {
        FolderSink sink = FolderSink.open(tmp, 10, 1 << 20);
        sink.play(new AudioSink.Playback("..", "a\\b:c*?\"<>|%s é" + "x".repeat(100), T0, FORMAT, new byte[2]));
        String name = listed(tmp).get(0).getFileName().toString();
        assertThat(name).matches("20250304T050607\\.089Z-\\d{6}_\\.\\._a_b_c_______s__x{49}\\.wav");
    }

    @Test
    void keepsAtMostTheConfiguredNumberOfFilesOldestDeletedFirst() throws Exception {
        FolderSink sink = FolderSink.open(tmp, 3, 1 << 20);
        for (int i = 0; i < 5; i++) {
            sink.play(new AudioSink.Playback("s", "r" + i, T0.plusSeconds(i), FORMAT, new byte[100]));
        }
        assertThat(listed(tmp))
                .map(p -> p.getFileName().toString())
                .satisfiesExactly(
                        n -> assertThat(n).endsWith("_s_r2.wav"),
                        n -> assertThat(n).endsWith("_s_r3.wav"),
                        n -> assertThat(n).endsWith("_s_r4.wav"));
        assertThat(sink.files()).containsExactlyElementsOf(listed(tmp));
    }

    @Test
    void keepsAtMostTheConfiguredBytes() throws Exception {
        FolderSink sink = FolderSink.open(tmp, 100, 1000); // 44 + 400 bytes a file: two fit
        for (int i = 0; i < 4; i++) {
            sink.play(new AudioSink.Playback("s", "r" + i, T0.plusSeconds(i), FORMAT, new byte[400]));
        }
        assertThat(listed(tmp))
                .map(p -> p.getFileName().toString())
                .satisfiesExactly(
                        n -> assertThat(n).endsWith("_r2.wav"),
                        n -> assertThat(n).endsWith("_r3.wav"));
        assertThat(sink.totalBytes()).isEqualTo(888).isEqualTo(sizeOf(tmp));
    }

    @Test
    void aFileLargerThanTheWholeBudgetIsNotWrittenAndNothingElseIsLost() throws Exception {
        FolderSink sink = FolderSink.open(tmp, 100, 1000);
        sink.play(new AudioSink.Playback("s", "small", T0, FORMAT, new byte[100]));
        sink.play(new AudioSink.Playback("s", "huge", T0.plusSeconds(1), FORMAT, new byte[2000]));
        assertThat(listed(tmp))
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).endsWith("_small.wav"));
    }

    @Test
    void atStartTakesStockOfOldFilesTrimsThemAndRemovesPartFiles() throws Exception {
        Files.write(tmp.resolve("20240101T000000.000Z-000001_s_a.wav"), new byte[300]);
        Files.write(tmp.resolve("20240101T000001.000Z-000002_s_b.wav"), new byte[300]);
        Files.write(tmp.resolve("20240101T000002.000Z-000003_s_c.wav"), new byte[300]);
        Files.write(tmp.resolve("20240101T000003.000Z-000004_s_d.wav.part"), new byte[300]);
        Files.writeString(tmp.resolve("README"), "not ours");
        FolderSink sink = FolderSink.open(tmp, 2, 1 << 20);
        assertThat(listed(tmp))
                .map(p -> p.getFileName().toString())
                .containsExactly("20240101T000001.000Z-000002_s_b.wav", "20240101T000002.000Z-000003_s_c.wav");
        assertThat(Files.exists(tmp.resolve("README"))).isTrue();
        sink.play(new AudioSink.Playback("s", "e", T0, FORMAT, new byte[2]));
        assertThat(listed(tmp))
                .map(p -> p.getFileName().toString())
                .containsExactly(
                        "20240101T000002.000Z-000003_s_c.wav",
                        sink.files().get(1).getFileName().toString());
    }

    private static List<Path> listed(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
    }

    private static long sizeOf(Path dir) throws IOException {
        long total = 0;
        for (Path p : listed(dir)) {
            total += Files.size(p);
        }
        return total;
    }
}
