package dev.chorus.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Compose files are valid in every combination a user runs ({@code docker compose config -q}),
 * every module is built from the one modules/Dockerfile, the Dockerfiles need no registry and bake
 * no secret, .env holds no secret, and every variable they, .env and the container scripts read is
 * documented in docs/configuration.md. Needs the docker CLI, not a running engine.
 */
@org.junit.jupiter.api.Order(1)
class ComposeFilesIT {

    private static final Path ROOT = Docker.repoRoot();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");

    @Test
    void composeConfigIsCleanForEveryCombination() {
        List<List<String>> combinations = List.of(
                List.of("docker-compose.yml"),
                List.of("docker-compose.yml", "docker-compose.dev.yml"),
                List.of("docker-compose.yml", "docker-compose.dev.yml", ".devcontainer/docker-compose.workspace.yml"));
        for (List<String> files : combinations) {
            ComposeProject project = new ComposeProject("chorus-configtest", ROOT, files.toArray(String[]::new));
            Docker.Result config;
            try {
                config = project.compose(Duration.ofSeconds(60), "--profile", "*", "config", "--quiet");
            } catch (RuntimeException e) {
                Docker.require(); // no docker CLI: fail on CI, skip elsewhere
                throw e;
            }
            assertThat(config.exit())
                    .as("docker compose config -q for " + files + ": " + config.err())
                    .isZero();
            assertThat(config.err()).as("warnings for " + files).isBlank();
        }
    }

    /** One Dockerfile for every module: each module folder is a service built from it with its MODULE. */
    @Test
    void everyModuleIsBuiltFromModulesDockerfileWithItsName() throws IOException {
        Docker.Result config;
        try {
            config = new ComposeProject("chorus-configtest", ROOT, "docker-compose.yml")
                    .compose(Duration.ofSeconds(60), "--profile", "*", "config", "--format", "json");
        } catch (RuntimeException e) {
            Docker.require();
            throw e;
        }
        var services = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(config.check().out())
                .get("services");
        List<String> folders;
        try (Stream<Path> dirs = Files.list(ROOT.resolve("modules"))) {
            // modules/embedded is the whole stack in one JVM, not a service (docs/embedded.md)
            folders = dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> !d.getFileName().toString().equals("embedded"))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(folders).isNotEmpty();
        for (String module : folders) {
            assertThat(ROOT.resolve("modules/" + module + "/Dockerfile"))
                    .as("no Dockerfile per module")
                    .doesNotExist();
            var build = services.path(module).path("build");
            assertThat(build.path("dockerfile").asText())
                    .as(module + ": build.dockerfile")
                    .isEqualTo("modules/Dockerfile");
            assertThat(build.path("args").path("MODULE").asText())
                    .as(module + ": build.args.MODULE")
                    .isEqualTo(module);
            assertThat(build.path("additional_contexts").path("shared").asText())
                    .endsWith("/shared");
        }
    }

    @Test
    void dockerfilesNeedNoRegistryAndBakeNoSecret() throws IOException {
        for (String file : List.of("modules/Dockerfile", "broker/Dockerfile")) {
            String text = Files.readString(ROOT.resolve(file));
            assertThat(text)
                    .as(file + ": a `# syntax=` line makes BuildKit pull a frontend image")
                    .doesNotContainPattern("(?m)^#\\s*syntax=");
            assertThat(text)
                    .as(file + ": the extra CA is a secret mount, never a COPY or ARG")
                    .doesNotContainPattern("(?im)^(COPY|ADD|ARG|ENV).*(extra.?ca|\\.pem|\\.crt)");
            assertThat(text).contains("--mount=type=secret,id=extra_ca");
            assertThat(text).as(file + ": runs as the numeric user").contains("USER 10001:10001");
            for (String label : List.of("title", "version", "revision", "source")) {
                assertThat(text).contains("org.opencontainers.image." + label + "=");
            }
        }
    }

    @Test
    void dotEnvHoldsNoSecret() throws IOException {
        for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(line).doesNotContainPattern("(?i)(password|secret|token|key)\\s*=");
            }
        }
    }

    @Test
    void everyVariableIsDocumented() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/configuration.md"));
        List<Path> sources = new ArrayList<>(List.of(
                ROOT.resolve("docker-compose.yml"),
                ROOT.resolve("docker-compose.dev.yml"),
                ROOT.resolve(".devcontainer/docker-compose.workspace.yml"),
                ROOT.resolve("scripts/build-images.sh"),
                ROOT.resolve("scripts/dev.sh"),
                ROOT.resolve("docker-stack.yml"),
                ROOT.resolve("scripts/push-images.sh"),
                ROOT.resolve("scripts/swarm-secrets.sh")));
        for (String dir : List.of("modules", "broker")) {
            try (Stream<Path> scripts = Files.list(ROOT.resolve(dir))) {
                scripts.filter(p -> p.toString().endsWith(".sh")).forEach(sources::add);
            }
        }
        Set<String> undocumented = new TreeSet<>();
        for (Path source : sources) {
            Matcher m = REFERENCE.matcher(Files.readString(source));
            while (m.find()) {
                if (!doc.contains("`" + m.group(1) + "`")) {
                    undocumented.add(m.group(1) + " (" + ROOT.relativize(source) + ")");
                }
            }
        }
        for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && !doc.contains("`" + line.substring(0, eq) + "`")) {
                undocumented.add(line.substring(0, eq) + " (.env)");
            }
        }
        undocumented.removeIf(v -> v.startsWith("JAVA_HOME ") || v.startsWith("HOME "));
        assertThat(undocumented)
                .as("variables missing from docs/configuration.md")
                .isEmpty();
    }
}
