package dev.chorus.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository folder, found from the module folder the tests run in. */
final class Repo {

    private Repo() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("modules/embedded"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "repository root not found above " + Path.of("").toAbsolutePath());
    }
}
