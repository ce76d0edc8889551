package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/topics.md lists exactly the topics of the catalog. */
class TopicsDocTest {

    private static final Pattern FIRST_CELL = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

    @Test
    void docListsEveryCatalogTopicAndNothingElse() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (String line : Files.readAllLines(docs())) {
            Matcher m = FIRST_CELL.matcher(line);
            if (m.find()) {
                assertThat(documented.add(m.group(1)))
                        .as("listed twice: %s", m.group(1))
                        .isTrue();
            }
        }
        assertThat(documented).as("topics in docs/topics.md").containsExactlyInAnyOrderElementsOf(Topics.catalog());
    }

    /** Tests run in a folder two levels below the root; the doc is at the repository root. */
    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/topics.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "docs/topics.md not found above " + Path.of("").toAbsolutePath());
    }
}
