package dev.chorus.tts.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the benchmark's results into docs/performance.md between the tts markers under
 * {@code ## Speech (tts)}, leaving everything else in the file as it is.
 */
final class TtsPerformanceDoc {

    static final String HEADING = "## Speech (tts)";
    static final String START = "<!-- tts-bench:start -->";
    static final String END = "<!-- tts-bench:end -->";

    private TtsPerformanceDoc() {}

    static void write(final Path doc, final String generated) throws IOException {
        final String block = START + "\n" + generated.strip() + "\n" + END;
        final String current = Files.exists(doc)
                ? Files.readString(doc, StandardCharsets.UTF_8)
                : "# Performance\n\nMeasured figures for the Chorus stack. Each section is written by a benchmark;\n"
                        + "the text between its `<!-- ...:start -->` and `<!-- ...:end -->` markers is regenerated on every run.\n";
        if (doc.getParent() != null) {
            Files.createDirectories(doc.getParent());
        }
        Files.writeString(doc, replace(current, block), StandardCharsets.UTF_8);
    }

    static String replace(final String current, final String block) {
        final int start = current.indexOf(START);
        final int end = current.indexOf(END);
        if (start >= 0 && end > start) {
            return current.substring(0, start) + block + current.substring(end + END.length());
        }
        if (start >= 0 || end >= 0) {
            throw new IllegalStateException("docs/performance.md has only one of " + START + " and " + END);
        }
        final String base = current.endsWith("\n") ? current : current + "\n";
        final int heading = base.indexOf(HEADING + "\n");
        if (heading >= 0) {
            final int after = heading + HEADING.length() + 1;
            return base.substring(0, after) + "\n" + block + "\n" + base.substring(after);
        }
        return base + "\n" + HEADING + "\n\n" + block + "\n";
    }
}
