package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class PrerequisiteTest {

    @Test
    void ciIsAnyValueButEmptyFalseOrZero() {
        assertThat(Prerequisite.onCi(Map.<String, String>of()::get)).isFalse();
        for (String no : new String[] {"", " ", "false", "FALSE", "0"}) {
            assertThat(Prerequisite.onCi(Map.of("CI", no)::get)).as(no).isFalse();
        }
        for (String yes : new String[] {"true", "TRUE", "1", "woodpecker"}) {
            assertThat(Prerequisite.onCi(Map.of("CI", yes)::get)).as(yes).isTrue();
        }
    }

    @Test
    void missingSkipsOutsideCiAndFailsOnCi() {
        assertThatCode(() -> Prerequisite.require(true, "x", Map.of("CI", "true")::get))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Prerequisite.require(
                        false, "chromium (apt-get install chromium)", Map.<String, String>of()::get))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("chromium (apt-get install chromium)")
                .hasMessageContaining("skipped");
        assertThatThrownBy(() ->
                        Prerequisite.require(false, "chromium (apt-get install chromium)", Map.of("CI", "true")::get))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("chromium (apt-get install chromium)")
                .hasMessageContaining("CI");
    }

    @Test
    void toolsAreFoundOnThePathOrByAbsolutePath(@TempDir Path dir) throws Exception {
        Path tool = Files.writeString(dir.resolve("my-tool"), "#!/bin/sh\n");
        Files.createDirectory(dir.resolve("a-folder"));
        String path = "/nonexistent" + File.pathSeparator + dir;
        assertThat(Prerequisite.findTool("my-tool", path)).isEmpty(); // not executable yet
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(Prerequisite.findTool("my-tool", path)).hasValue(dir.resolve("my-tool"));
        assertThat(Prerequisite.findTool(tool.toString(), null)).hasValue(tool);
        assertThat(Prerequisite.findTool("a-folder", path)).isEmpty();
        assertThat(Prerequisite.findTool("no-such-tool", path)).isEmpty();
        assertThat(Prerequisite.findTool("my-tool", null)).isEmpty();
    }
}
