package dev.chorus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every environment variable the code reads is documented in docs/configuration.md. */
class ConfigurationDocTest {

    /** A variable name written whole in a string literal ({@code "CHORUS_TTS_"} prefixes are not names). */
    private static final Pattern VARIABLE = Pattern.compile("\"((?:CHORUS|MICRONAUT)_[A-Z0-9_]*[A-Z0-9])\"");

    @Test
    void everyVariableReadByTheCodeIsDocumented() throws IOException {
        Path root = repositoryRoot();
        String doc = Files.readString(root.resolve("docs/configuration.md"));
        Set<String> undocumented = new TreeSet<>();
        for (Path source : mainSources(root)) {
            Matcher m = VARIABLE.matcher(Files.readString(source));
            while (m.find()) {
                if (!doc.contains("`" + m.group(1) + "`")) {
                    undocumented.add(m.group(1) + " (" + root.relativize(source) + ")");
                }
            }
        }
        assertThat(undocumented)
                .as("variables missing from docs/configuration.md")
                .isEmpty();
    }

    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                    .toList();
        }
    }

    /** Tests run in a folder two levels below the root; the repository root is the folder that holds docs/configuration.md. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docs/configuration.md")) && Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }
}
