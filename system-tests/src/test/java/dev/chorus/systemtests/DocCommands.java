package dev.chorus.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Commands as the docs print them: the {@code ```sh} blocks of a Markdown file, and running a line of one with bash
 * as a reader pastes it (ReadmeIT, DocsIT, NewModuleIT, SatellitesIT, SwarmIT). A changed command in a doc is a
 * changed test.
 */
final class DocCommands {

    private DocCommands() {}

    /** The {@code ```sh} blocks of a Markdown text, by the heading above them (several: joined). */
    static Map<String, List<String>> shBlocks(String markdown) {
        Map<String, List<String>> joined = new LinkedHashMap<>();
        shBlockList(markdown)
                .forEach((heading, blocks) -> blocks.forEach(b ->
                        joined.computeIfAbsent(heading, h -> new ArrayList<>()).addAll(b)));
        return joined;
    }

    /** The {@code ```sh} blocks of a Markdown text, by the heading above them, each block apart. */
    static Map<String, List<List<String>>> shBlockList(String markdown) {
        Map<String, List<List<String>>> blocks = new LinkedHashMap<>();
        String heading = "";
        List<String> current = null;
        for (String line : markdown.split("\n")) {
            if (current == null && line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "").strip();
            } else if (current == null && line.strip().equals("```sh")) {
                current = new ArrayList<>();
                blocks.computeIfAbsent(heading, h -> new ArrayList<>()).add(current);
            } else if (current != null && line.strip().equals("```")) {
                current = null;
            } else if (current != null && !line.isBlank()) {
                current.add(line.strip());
            }
        }
        return blocks;
    }

    /** The first {@code ```sh} block of a Markdown file that has a line starting with {@code prefix}. */
    static List<String> blockWith(Path markdown, String prefix) throws IOException {
        return shBlockList(Files.readString(markdown)).values().stream()
                .flatMap(List::stream)
                .filter(b -> b.stream().anyMatch(l -> l.startsWith(prefix)))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(markdown + ": no ```sh block with a line starting `" + prefix + "`"));
    }

    /** A line without its trailing {@code # comment}. */
    static String command(String line) {
        return line.replaceAll("\\s+#.*$", "");
    }

    /** Runs one line with bash in {@code dir}, with {@code env} added to this JVM's environment. */
    static Docker.Result bash(String line, Map<String, String> env, Path dir, Duration timeout) {
        return Docker.run(timeout, List.of("bash", "-c", line), env, dir);
    }

    /**
     * Starts a long-running command (mosquitto_sub, {@code logs -f}) with bash, returns its first {@code count} lines
     * of output, stdout and stderr together (or what came within {@code timeout}), then ends it: the way a reader runs
     * it and presses Ctrl-C once the lines are there.
     */
    static List<String> firstLines(String line, Map<String, String> env, Path dir, int count, Duration timeout)
            throws InterruptedException, IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "exec " + line)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l; (l = r.readLine()) != null; ) {
                            out.add(l);
                        }
                    } catch (IOException e) {
                        // the stream closes under it when the command is ended below: what it printed is in `out`
                    }
                },
                "doc-command-output");
        reader.setDaemon(true);
        reader.start();
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (lines.size() < count && System.nanoTime() < deadline) {
                String l = out.poll(200, TimeUnit.MILLISECONDS);
                if (l != null) {
                    lines.add(l);
                } else if (!p.isAlive()) {
                    reader.join(2000);
                    out.drainTo(lines);
                    break; // it ended on its own (refused, say): what it printed says why
                }
            }
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C ends it
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return lines;
    }
}
