package dev.chorus.dialogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sites the dialogue manager has seen, one per line in {@code $CHORUS_DATA_DIR/sites.txt}, so that the next
 * run can switch their wake word and ASR back on ({@link DialogueManager#releaseSites}). At most {@link #MAX}
 * sites are kept; a file that cannot be read or written is logged, never fatal.
 */
public final class KnownSites {

    private static final Logger LOG = LoggerFactory.getLogger(KnownSites.class);

    public static final String FILE = "sites.txt";
    public static final int MAX = 1000;

    private final Path file;
    private final Set<String> sites = new LinkedHashSet<>();

    public KnownSites(Path dataDir) {
        this.file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .limit(MAX)
                        .forEach(sites::add);
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}", file, e.toString());
            }
        }
    }

    public synchronized List<String> all() {
        return List.copyOf(sites);
    }

    /** Adds the new ones and writes the file when something was added. */
    public synchronized void addAll(Collection<String> seen) {
        boolean changed = false;
        for (String site : seen) {
            if (sites.size() < MAX && sites.add(site)) {
                changed = true;
            }
        }
        if (changed) {
            try {
                Path part = file.resolveSibling(FILE + ".part");
                Files.write(
                        part,
                        sites,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                LOG.warn("cannot write {}: {}", file, e.toString());
            }
        }
    }
}
