package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * MaryTTS 5.2.1 refuses to start when java.version has no patch part ("21"); the module works
 * around it. Each case runs in its own JVM because MaryTTS starts once per process.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JavaVersionTest {

    @Test
    void rawMaryTtsFailsOnABareMajorVersion() throws Exception {
        final Probe probe = run("raw", "21");
        assertThat(probe.exitCode).as(probe.output).isEqualTo(3);
        assertThat(probe.result).contains("failed").contains("Cannot start MARY server");
    }

    @Test
    void theModuleStartsAndSpeaksOnABareMajorVersion() throws Exception {
        final Probe probe = run("ours", "21");
        assertThat(probe.exitCode).as(probe.output).isZero();
        assertThat(probe.result).startsWith("RESULT synthesized").endsWith("java.version=21");
    }

    private record Probe(int exitCode, String result, String output) {}

    private static Probe run(final String mode, final String version) throws IOException, InterruptedException {
        final String java =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(List.of(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        JavaVersionProbe.class.getName(),
                        mode,
                        version,
                        TestSupport.repoConfigDir().toAbsolutePath().toString()))
                .redirectErrorStream(true)
                .start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("probe did not finish:\n" + output);
        }
        final String result =
                output.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("(no result)\n" + output);
        return new Probe(process.exitValue(), result, output);
    }
}
