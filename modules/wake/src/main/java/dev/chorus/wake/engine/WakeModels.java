package dev.chorus.wake.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The ONNX files of an openWakeWord pipeline: the two feature models every wake word shares and the wake word
 * models by id. The id is the file name without {@code .onnx} and without a version suffix
 * ({@code hey_jarvis_v0.1.onnx} is {@code hey_jarvis}, version {@code 0.1}), as openWakeWord names its models.
 *
 * @param melspectrogram {@code melspectrogram.onnx}
 * @param embedding      {@code embedding_model.onnx}
 * @param wakeWords      the wake word models by id, in file name order
 */
public record WakeModels(Path melspectrogram, Path embedding, Map<String, WakeWordFile> wakeWords) {

    public static final String MELSPECTROGRAM = "melspectrogram.onnx";
    public static final String EMBEDDING = "embedding_model.onnx";
    /** Models of the npm package that are not wake words. */
    private static final List<String> NOT_WAKE_WORDS = List.of(MELSPECTROGRAM, EMBEDDING, "silero_vad.onnx");

    private static final Pattern VERSIONED = Pattern.compile("(.+?)_v(\\d+(?:\\.\\d+)*)");

    public WakeModels {
        wakeWords = Collections.unmodifiableMap(new LinkedHashMap<>(wakeWords));
    }

    /** A wake word model file, its id and version. */
    public record WakeWordFile(String id, String version, Path file) {

        /** The id and version a file name gives. */
        public static WakeWordFile of(Path file) {
            String name = file.getFileName().toString();
            String base = name.endsWith(".onnx") ? name.substring(0, name.length() - ".onnx".length()) : name;
            Matcher m = VERSIONED.matcher(base);
            return m.matches() ? new WakeWordFile(m.group(1), m.group(2), file) : new WakeWordFile(base, "", file);
        }

        /** The words spoken, from the id: {@code hey_jarvis} is {@code hey jarvis}. */
        public String words() {
            return id.replace('_', ' ');
        }
    }

    /**
     * The models in {@code dir} plus {@code extraFiles} (wake word models kept elsewhere; a later file replaces
     * an earlier one with the same id). Empty when {@code dir} lacks the feature models: nothing to run.
     */
    public static Optional<WakeModels> find(Path dir, Collection<Path> extraFiles) {
        Path mel = dir.resolve(MELSPECTROGRAM);
        Path embedding = dir.resolve(EMBEDDING);
        if (!Files.isRegularFile(mel) || !Files.isRegularFile(embedding)) {
            return Optional.empty();
        }
        Map<String, WakeWordFile> words = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".onnx"))
                    .filter(f -> !NOT_WAKE_WORDS.contains(f.getFileName().toString()))
                    .sorted()
                    .map(WakeWordFile::of)
                    .forEach(w -> words.put(w.id(), w));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        extraFiles.stream().map(WakeWordFile::of).forEach(w -> words.put(w.id(), w));
        return Optional.of(new WakeModels(mel, embedding, words));
    }
}
