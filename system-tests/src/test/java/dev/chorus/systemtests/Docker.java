package dev.chorus.systemtests;

import static org.junit.jupiter.api.Assertions.fail;

import dev.chorus.testkit.Prerequisite;
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
 * The Docker and Compose command-line clients, as a user types them, for the system tests.
 * The images are built by the build itself before the tests ({@code scripts/build-images.sh} in
 * {@code pre-integration-test}, see system-tests/pom.xml); the tests use the local tags, never pull,
 * and check that each image's revision label is the commit under test.
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

    private Docker() {}

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

    /**
     * The variables scripts/build-images.sh builds with (base images, revision label, extra CA): what a
     * {@code docker compose build} run by a test needs to build as the image build of {@code ./mvnw verify} did.
     */
    static synchronized Map<String, String> buildEnv() {
        if (buildEnv == null) {
            buildEnv = Map.copyOf(printBuildEnv());
        }
        return buildEnv;
    }

    /** Run once: the output is the same for the whole test run (same commit, same arguments). */
    private static Map<String, String> buildEnv;

    private static Map<String, String> printBuildEnv() {
        String args = System.getProperty("chorus.images.args", "--stand-ins --dev");
        List<String> command = new ArrayList<>(
                List.of(repoRoot().resolve("scripts/build-images.sh").toString()));
        if (args.contains("--stand-ins")) {
            command.add("--stand-ins");
        }
        command.add("--print-env");
        Map<String, String> env = new java.util.HashMap<>();
        for (String kv : run(Duration.ofSeconds(60), command, Map.of(), repoRoot())
                .check()
                .out()
                .split("\n")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    /** The {@code org.opencontainers.image.revision} label of an image: the commit it was built from. */
    static String revisionLabel(String image) {
        return docker(
                        "image",
                        "inspect",
                        "--format",
                        "{{index .Config.Labels \"org.opencontainers.image.revision\"}}",
                        image)
                .check()
                .out()
                .strip();
    }

    static boolean engineAnswers() {
        try {
            return docker(Duration.ofSeconds(20), "info", "--format", "{{.ServerVersion}}")
                            .exit()
                    == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean imageExists(String tag) {
        return docker("image", "inspect", "--format", "{{.Id}}", tag).exit() == 0;
    }

    /**
     * System tests need the engine and the images of the commit under test. Without an engine they
     * fail when {@code CI=true} (CI must run them) and are skipped otherwise (a developer without
     * Docker can still run {@code ./mvnw verify}). A missing image always fails: the build made them.
     */
    static void require(String... images) {
        Prerequisite.require(engineAnswers(), "a Docker engine (`docker info` fails; .ci/docker-engine.sh starts one)");
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (!imageExists(image)) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty()) {
            fail("missing images " + missing + ": `./mvnw verify` builds them in pre-integration-test"
                    + " (scripts/build-images.sh --stand-ins --dev); -Dchorus.images.skip=true skips that");
        }
    }

    /** The engine and every image of docker-compose.yml, as {@link #require}. */
    static void requireImages() {
        require();
        require(imageNames().stream().map(Docker::tag).toArray(String[]::new));
    }

    private static String revision;

    /**
     * The commit under test as scripts/build-images.sh labels the images: {@code git rev-parse HEAD},
     * plus {@code -dirty} when tracked files differ from HEAD.
     */
    static synchronized String revision() {
        if (revision == null) {
            Path root = repoRoot();
            String head = run(Duration.ofSeconds(30), List.of("git", "rev-parse", "HEAD"), Map.of(), root)
                    .check()
                    .out()
                    .strip();
            boolean dirty = run(Duration.ofSeconds(60), List.of("git", "diff", "--quiet", "HEAD", "--"), Map.of(), root)
                            .exit()
                    != 0;
            revision = dirty ? head + "-dirty" : head;
        }
        return revision;
    }

    /** The repository root (the folder with docker-compose.yml), from the module the tests run in. */
    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("modules"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
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
        return env.getOrDefault("CHORUS_REGISTRY", "chorus") + "/" + name + ":"
                + env.getOrDefault("CHORUS_VERSION", "dev");
    }

    private static List<String> imageNames;

    /**
     * The image names of docker-compose.yml (every service with a build section: the broker and
     * every module, the cli included), from {@code docker compose config}.
     */
    static synchronized List<String> imageNames() {
        if (imageNames == null) {
            try {
                var services = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(run(
                                        Duration.ofSeconds(60),
                                        List.of("docker", "compose", "--profile", "*", "config", "--format", "json"),
                                        Map.of(),
                                        repoRoot())
                                .check()
                                .out())
                        .get("services");
                List<String> names = new ArrayList<>();
                services.fields().forEachRemaining(e -> {
                    if (e.getValue().has("build")) {
                        names.add(e.getKey());
                    }
                });
                names.sort(null);
                imageNames = List.copyOf(names);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return imageNames;
    }

    /** The long-running modules: every image but the broker and the cli. */
    static List<String> modules() {
        return imageNames().stream()
                .filter(n -> !n.equals("broker") && !n.equals("cli"))
                .toList();
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
