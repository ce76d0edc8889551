package dev.chorus.wake;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import dev.chorus.protocol.messages.ListeningSites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link WakeSettings} through {@link EnvReader}: blank counts as unset, and every problem is
 * a {@link dev.chorus.protocol.env.ConfigException} naming the variable.
 */
public final class WakeSettingsLoader {

    public static final String MODELS_DIR = "CHORUS_WAKE_MODELS_DIR";
    public static final String MODEL_FILES = "CHORUS_WAKE_MODEL_FILES";
    public static final String WORDS = "CHORUS_WAKE_WORDS";
    public static final String THRESHOLD = "CHORUS_WAKE_THRESHOLD";
    public static final String REFRACTORY = "CHORUS_WAKE_REFRACTORY";
    public static final String SITES = "CHORUS_WAKE_SITES";
    public static final String QUEUE = "CHORUS_WAKE_QUEUE";

    /** Where the image puts the models of the {@code wake-models} build context. */
    public static final String DEFAULT_MODELS_DIR = "/etc/chorus/wake-models";

    public static final String DEFAULT_WORDS = "hey_jarvis";

    private static final Pattern SITE = Pattern.compile("[^/+#\\s\\u0000]{1,256}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private WakeSettingsLoader() {}

    public static WakeSettings load(EnvSource source) {
        EnvReader env = new EnvReader(source);
        Path modelsDir = env.path(MODELS_DIR, Path.of(DEFAULT_MODELS_DIR));
        List<Path> files = new ArrayList<>();
        for (String f : list(env, MODEL_FILES, "", "a comma-separated list of .onnx files")) {
            if (!f.endsWith(".onnx")) {
                throw EnvReader.invalid(
                        MODEL_FILES, env.text(MODEL_FILES, ""), "a comma-separated list of .onnx files");
            }
            files.add(Path.of(f));
        }
        List<String> words =
                new ArrayList<>(list(env, WORDS, DEFAULT_WORDS, "a comma-separated list of wake word ids"));
        for (String w : words) {
            if (!WORD.matcher(w).matches()) {
                throw EnvReader.invalid(WORDS, env.text(WORDS, ""), "wake word ids (letters, digits, _ . -)");
            }
        }
        if (words.isEmpty()) {
            throw EnvReader.invalid(WORDS, "", "at least one wake word id");
        }
        double threshold = env.decimal(THRESHOLD, 0.5, 0.01, 0.99);
        Duration refractory = env.duration(REFRACTORY, Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(1));
        Set<String> sites = new LinkedHashSet<>(list(env, SITES, ListeningSites.ALL_SITES, ""));
        for (String s : sites) {
            if (!SITE.matcher(s).matches()) {
                throw EnvReader.invalid(
                        SITES, env.text(SITES, ""), "* or a comma-separated list of site ids (no / + # or blanks)");
            }
        }
        Duration queue = env.duration(QUEUE, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMinutes(1));
        return new WakeSettings(modelsDir, files, words, threshold, refractory, sites, queue);
    }

    private static Set<String> list(EnvReader env, String name, String fallback, String expected) {
        String v = env.text(name, fallback);
        Set<String> items = new LinkedHashSet<>();
        for (String part : v.split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty() && !v.isBlank()) {
                throw EnvReader.invalid(name, v, expected.isEmpty() ? "no empty item in the list" : expected);
            }
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }
}
