package dev.chorus.nlu.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A template folder on disk: {@code sentences.ini} and the slot lists under {@code slots/}, as a map of relative
 * path (with {@code /}) to content. Nothing else in the folder is read.
 */
public final class TemplateFolder {

    /** Largest template file, and most files, a folder (or a set request) may have. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    public static final int MAX_FILES = 1000;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}");

    private TemplateFolder() {}

    /** Whether the folder holds a template set (a {@code sentences.ini}). */
    public static boolean present(Path dir) {
        return dir != null && Files.isRegularFile(dir.resolve(TemplateCompiler.SENTENCES));
    }

    public static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put(TemplateCompiler.SENTENCES, readFile(dir.resolve(TemplateCompiler.SENTENCES)));
        Path slots = dir.resolve("slots");
        if (Files.isDirectory(slots)) {
            try (Stream<Path> walk = Files.walk(slots)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String name = "slots/" + slots.relativize(p).toString().replace('\\', '/');
                    if (validName(name) && files.size() < MAX_FILES) {
                        files.put(name, readFile(p));
                    }
                }
            }
        }
        return files;
    }

    /**
     * A name a template set may use: {@code sentences.ini} or {@code slots/<name>[/<name>...]} with plain segments
     * (letters, digits, {@code _ . -}, not starting with a dot).
     */
    public static boolean validName(String name) {
        if (name.equals(TemplateCompiler.SENTENCES)) {
            return true;
        }
        if (!name.startsWith("slots/")) {
            return false;
        }
        String[] segments = name.substring("slots/".length()).split("/", -1);
        for (String s : segments) {
            if (!SEGMENT.matcher(s).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The problems of a set of files before it is compiled: names and sizes. */
    public static List<TemplateError> check(Map<String, String> files) {
        List<TemplateError> errors = new ArrayList<>();
        if (files.size() > MAX_FILES) {
            errors.add(new TemplateError("", 0, "too many files: " + files.size() + " (at most " + MAX_FILES + ")"));
        }
        files.forEach((name, content) -> {
            if (!validName(name)) {
                errors.add(new TemplateError(
                        name, 0, "not a template file name (sentences.ini or slots/<name>, letters, digits, _ . -)"));
            } else if (content == null) {
                errors.add(new TemplateError(name, 0, "no content"));
            } else if (content.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
                errors.add(new TemplateError(name, 0, "larger than " + MAX_FILE_BYTES + " bytes"));
            }
        });
        return errors;
    }

    /**
     * Replaces the folder's template set by {@code files}: written beside it first, then swapped in, so a reader
     * sees the old set or the new one.
     */
    public static void write(Path dir, Map<String, String> files) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path fresh = Files.createTempDirectory(parent, dir.getFileName() + ".new-");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = fresh.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        Path old = null;
        if (Files.exists(dir)) {
            old = parent.resolve(dir.getFileName() + ".old-" + System.nanoTime());
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, dir, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Removes the folder and everything in it, if it exists. */
    public static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String readFile(Path p) throws IOException {
        if (Files.size(p) > MAX_FILE_BYTES) {
            throw new IOException(p + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
