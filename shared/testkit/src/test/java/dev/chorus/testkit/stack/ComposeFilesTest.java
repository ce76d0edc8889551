package dev.chorus.testkit.stack;

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
 * .env holds no secret, and every variable they, .env and the container scripts read is
 * documented in docs/configuration.md. Needs the docker CLI, not a running engine.
 */
class ComposeFilesTest {

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
            assertThat(config.exit()).as("docker compose config -q for " + files + ": " + config.err()).isZero();
            assertThat(config.err()).as("warnings for " + files).isBlank();
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
        List<Path> sources = new ArrayList<>(List.of(ROOT.resolve("docker-compose.yml"),
                ROOT.resolve("docker-compose.dev.yml"), ROOT.resolve(".devcontainer/docker-compose.workspace.yml"),
                ROOT.resolve("scripts/build-images.sh"), ROOT.resolve("scripts/dev.sh")));
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
        assertThat(undocumented).as("variables missing from docs/configuration.md").isEmpty();
    }
}
