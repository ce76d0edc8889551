package dev.chorus.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a tool, Docker, a browser): present, the test runs; missing, the test is
 * <b>skipped</b> on a developer machine and <b>fails</b> on CI, so CI cannot pass by skipping. The one place
 * that decides "CI or not" for every test.
 *
 * <pre>{@code
 * Path chromium = Prerequisite.tool("chromium", "apt-get install chromium chromium-driver");
 * Prerequisite.require(Pocketsphinx.find().isPresent(), "pocketsphinx (apt-get install pocketsphinx pocketsphinx-en-us)");
 * }</pre>
 *
 * CI means the environment variable {@code CI} is set to anything but empty, {@code false} or {@code 0}
 * (GitHub Actions, GitLab and .ci/run set {@code CI=true}).
 */
public final class Prerequisite {

    private Prerequisite() {}

    /** True on CI (see the class comment). */
    public static boolean onCi() {
        return onCi(System::getenv);
    }

    static boolean onCi(Function<String, String> env) {
        String ci = env.apply("CI");
        if (ci == null) {
            return false;
        }
        String v = ci.strip().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("false") && !v.equals("0");
    }

    /**
     * Returns when {@code present}; otherwise skips the test (JUnit's {@code TestAbortedException}) or, on CI,
     * fails it. {@code what} names what is missing and how to get it.
     */
    public static void require(boolean present, String what) {
        require(present, what, System::getenv);
    }

    static void require(boolean present, String what, Function<String, String> env) {
        if (present) {
            return;
        }
        if (onCi(env)) {
            Assertions.fail("missing on CI: " + what + " [CI is set: failing instead of skipping]");
        }
        Assumptions.abort("missing: " + what + " [skipped; with CI=true this fails]");
    }

    /**
     * The executable {@code name} (an absolute path, or a name looked up on {@code PATH}); missing, the test is
     * skipped, or fails on CI. {@code install} says how to get it, e.g. {@code "apt-get install mosquitto-clients"}.
     */
    public static Path tool(String name, String install) {
        Optional<Path> found = findTool(name, System.getenv("PATH"));
        require(found.isPresent(), name + " (" + install + ")");
        return found.orElseThrow();
    }

    static Optional<Path> findTool(String name, String path) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
