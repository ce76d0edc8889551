package dev.chorus.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository that tests read, found from whatever module folder the tests run in. */
final class RepoFiles {

    /** Overrides the lookup, e.g. when the kit is used outside this repository. */
    static final String ACL_PROPERTY = "chorus.test.acl";

    private RepoFiles() {}

    static Path acl() {
        String override = System.getProperty(ACL_PROPERTY);
        if (override != null) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("broker").resolve("acl.conf");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("broker/acl.conf not found above "
                + Path.of("").toAbsolutePath() + "; set -D" + ACL_PROPERTY + "=<path>");
    }
}
