package dev.chorus.testkit.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module Dockerfiles are copies of one pattern (modules/tts/Dockerfile): each differs only
 * in MODULE, JAVA_MODULES and whether it has the "tts data" blocks; the cli image keeps the
 * same build stages. A change to one that is not made to the others fails here. No Docker needed.
 */
class ModuleDockerfilesTest {

    private static final Path MODULES = Docker.repoRoot().resolve("modules");

    @Test
    void everyModuleDockerfileIsThePatternWithItsOwnNameAndJavaModules() throws IOException {
        List<String> pattern = Files.readAllLines(MODULES.resolve("tts/Dockerfile"));
        for (Path dockerfile : dockerfiles()) {
            String module = dockerfile.getParent().getFileName().toString();
            if (module.equals("cli")) {
                continue;
            }
            List<String> actual = Files.readAllLines(dockerfile);
            boolean ttsData = actual.stream().anyMatch(l -> l.startsWith("# tts data"));
            assertThat(actual).as(dockerfile + " = modules/tts/Dockerfile with MODULE=" + module
                            + ", its JAVA_MODULES" + (ttsData ? "" : ", without the \"# tts data\" blocks"))
                    .containsExactlyElementsOf(derive(pattern, module, javaModules(actual), ttsData));
        }
    }

    @Test
    void theCliImageHasTheSameBuildStages() throws IOException {
        List<String> cli = Files.readAllLines(MODULES.resolve("cli/Dockerfile"));
        List<String> tts = derive(Files.readAllLines(MODULES.resolve("tts/Dockerfile")), "cli", javaModules(cli), false);
        assertThat(section(cli, "# ---- named contexts", "# ---- runtime"))
                .containsExactlyElementsOf(section(tts, "# ---- named contexts", "# ---- dev:"));
    }

    @Test
    void noSyntaxLineAndNoBakedSecrets() throws IOException {
        List<Path> all = new ArrayList<>(dockerfiles());
        all.add(Docker.repoRoot().resolve("broker/Dockerfile"));
        for (Path dockerfile : all) {
            String text = Files.readString(dockerfile);
            assertThat(text).as(dockerfile + ": a `# syntax=` line makes BuildKit pull a frontend image")
                    .doesNotContainPattern("(?m)^#\\s*syntax=");
            assertThat(text).as(dockerfile + ": the extra CA is a secret mount, never a COPY or ARG")
                    .doesNotContainPattern("(?im)^(COPY|ADD|ARG|ENV).*(extra.?ca|\\.pem|\\.crt)");
            assertThat(text).contains("--mount=type=secret,id=extra_ca");
        }
    }

    private static List<Path> dockerfiles() throws IOException {
        try (Stream<Path> dirs = Files.list(MODULES)) {
            return dirs.map(d -> d.resolve("Dockerfile")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String javaModules(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("ARG JAVA_MODULES=")).findFirst().orElseThrow();
    }

    /** The pattern with another MODULE and JAVA_MODULES, and with or without the tts data blocks. */
    static List<String> derive(List<String> pattern, String module, String javaModulesLine, boolean ttsData) {
        List<String> out = new ArrayList<>();
        boolean skipping = false;
        for (String line : pattern) {
            if (line.startsWith("# tts data") && !ttsData) {
                skipping = true;
                continue;
            }
            if (skipping && !line.isBlank()) {
                continue;
            }
            skipping = false;
            if (line.startsWith("ARG MODULE=")) {
                line = "ARG MODULE=" + module;
            } else if (line.startsWith("ARG JAVA_MODULES=")) {
                line = javaModulesLine;
            }
            out.add(line);
        }
        return out;
    }

    private static List<String> section(List<String> lines, String from, String to) {
        int start = -1;
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (start < 0 && lines.get(i).startsWith(from)) {
                start = i;
            } else if (start >= 0 && lines.get(i).startsWith(to)) {
                end = i;
                break;
            }
        }
        assertThat(start).as("section " + from).isNotNegative();
        return lines.subList(start, end);
    }
}
