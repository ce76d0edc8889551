package dev.chorus.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFilesTest {

    @TempDir
    Path dir;

    @Test
    void oneRandomPrivatePasswordPerPrincipalKeptAcrossStarts() throws Exception {
        Path creds = dir.resolve("credentials");
        Files.createDirectories(creds);
        Files.writeString(creds.resolve("operator"), "mine\n");
        PasswordFiles.ensure(creds, List.of("tts", "audio", "operator"));
        String tts = Files.readString(creds.resolve("tts"));
        assertThat(tts.strip())
                .hasSize(43)
                .isNotEqualTo(Files.readString(creds.resolve("audio")).strip());
        assertThat(Files.readString(creds.resolve("operator"))).isEqualTo("mine\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds.resolve("tts"))))
                .isEqualTo("rw-------");

        PasswordFiles.ensure(creds, List.of("tts", "audio", "operator"));
        assertThat(Files.readString(creds.resolve("tts"))).isEqualTo(tts);
        try (var files = Files.list(creds)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("tts", "audio", "operator");
        }
    }
}
