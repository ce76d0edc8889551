package dev.chorus.dialogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownSitesTest {

    @TempDir
    Path data;

    @Test
    void sitesSurviveARestartOnceEach() {
        new KnownSites(data).addAll(List.of("kitchen", "hall"));
        KnownSites again = new KnownSites(data);
        again.addAll(List.of("hall", "porch"));
        assertThat(new KnownSites(data).all()).containsExactly("kitchen", "hall", "porch");
    }

    @Test
    void anUnreadableFileIsNoSites() throws IOException {
        Files.createDirectory(data.resolve(KnownSites.FILE));
        assertThat(new KnownSites(data).all()).isEmpty();
    }
}
