package dev.chorus.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes generated results into docs/performance.md between markers, leaving everything else in
 * the file (other sections, hand-written text around the markers) as it is.
 */
final class PerformanceDoc {

    static final String START = "<!-- broker-bench:start -->";
    static final String END = "<!-- broker-bench:end -->";

    private PerformanceDoc() {}

    static void writeBrokerSection(final Path doc, final String generated) throws IOException {
        final String block = START + "\n" + generated.strip() + "\n" + END;
        final String text;
        if (!Files.exists(doc)) {
            text = "# Performance\n\n"
                    + "Measured figures for the Chorus stack. Each section is written by a benchmark under `bench/`;\n"
                    + "the text between its `<!-- ...:start -->` and `<!-- ...:end -->` markers is regenerated on every run.\n\n"
                    + "## Broker\n\n" + block + "\n";
        } else {
            text = replace(Files.readString(doc, StandardCharsets.UTF_8), block);
        }
        if (doc.getParent() != null) {
            Files.createDirectories(doc.getParent());
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
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
        return base + "\n## Broker\n\n" + block + "\n";
    }
}
