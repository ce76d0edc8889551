package dev.chorus.testkit.stack;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Docker and Compose command-line clients, as a user types them, for the container tests.
 * Images are built beforehand with BuildKit ({@code scripts/build-images.sh}); the tests use the
 * local tags and never pull.
 */
final class Docker {

    /** Output of one command. */
    record Result(List<String> command, int exit, String out, String err) {

        Result check() {
            if (exit != 0) {
                throw new AssertionError("`" + String.join(" ", command) + "` exited with " + exit + "\nstdout: "
                        + tail(out) + "\nstderr: " + tail(err));
            }
            return this;
        }

        private static String tail(String s) {
            return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
        }
    }

    private Docker() {
    }

    static Result run(Duration timeout, List<String> command) {
        return run(timeout, command, Map.of(), null);
    }

    static Result run(Duration timeout, List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("`" + String.join(" ", command) + "` did not finish within " + timeout
                        + "\nstdout: " + out.getNow("") + "\nstderr: " + err.getNow(""));
            }
            return new Result(command, p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result docker(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        return run(timeout, command);
    }

    static Result docker(String... args) {
        return docker(Duration.ofMinutes(2), args);
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<" + e + ">";
            }
        });
    }

    static boolean engineAnswers() {
        try {
            return docker(Duration.ofSeconds(20), "info", "--format", "{{.ServerVersion}}").exit() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean imageExists(String tag) {
        return docker("image", "inspect", "--format", "{{.Id}}", tag).exit() == 0;
    }

    /**
     * Container tests need the engine and the built images. Missing, they fail when {@code CI=true}
     * (CI must run them) and are skipped otherwise (a developer without Docker can still run
     * {@code ./mvnw verify}).
     */
    static void require(String... images) {
        List<String> missing = new ArrayList<>();
        if (!engineAnswers()) {
            missing.add("a Docker engine (`docker info` fails; .ci/docker-engine.sh starts one)");
        } else {
            for (String image : images) {
                if (!imageExists(image)) {
                    missing.add("image " + image + " (scripts/build-images.sh builds it)");
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "container test needs " + String.join(", ", missing);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " [CI=true: failing instead of skipping]");
        }
        abort(message + " [skipped; with CI=true this fails]");
    }

    /** The repository root (the folder with docker-compose.yml), from the module the tests run in. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("modules"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }

    /** The repository's .env (Compose's defaults), overridden by the same variables in the environment. */
    static Map<String, String> dotEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(repoRoot().resolve(".env"))) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (l.isEmpty() || l.startsWith("#") || eq < 0) {
                    continue;
                }
                String key = l.substring(0, eq);
                env.put(key, System.getenv().getOrDefault(key, l.substring(eq + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return env;
    }

    /** {@code ${CHORUS_REGISTRY}/<name>:${CHORUS_VERSION}}, as docker-compose.yml tags it. */
    static String tag(String name) {
        Map<String, String> env = dotEnv();
        return env.getOrDefault("CHORUS_REGISTRY", "chorus") + "/" + name + ":" + env.getOrDefault("CHORUS_VERSION", "dev");
    }

    /** The image names: the broker and every module folder with a Dockerfile. */
    static List<String> imageNames() {
        List<String> names = new ArrayList<>();
        names.add("broker");
        try (var dirs = Files.list(repoRoot().resolve("modules"))) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("Dockerfile")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A free TCP port on 127.0.0.1 for a published port. */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
