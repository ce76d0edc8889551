package dev.chorus.gateway;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The presets the tts module knows, read from its presets.yml (format: tts/README.md) when the gateway has
 * the file; only the names and descriptions matter here.
 */
public record Presets(boolean known, List<Preset> presets) {

    public record Preset(String name, String description) {
    }

    public static Presets unknown() {
        return new Presets(false, List.of());
    }

    public boolean contains(String name) {
        return presets.stream().anyMatch(p -> p.name().equals(name));
    }

    /** @throws IllegalArgumentException with a one-line reason when the file is unreadable or not a presets file */
    public static Presets load(Path file) {
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read \"" + file + "\": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(root instanceof Map<?, ?> top) || !(top.get("presets") instanceof Map<?, ?> entries)) {
            throw new IllegalArgumentException("\"" + file + "\" has no presets: map");
        }
        List<Preset> presets = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String description = e.getValue() instanceof Map<?, ?> body && body.get("description") != null
                    ? body.get("description").toString() : "";
            presets.add(new Preset(String.valueOf(e.getKey()), description));
        }
        return new Presets(true, List.copyOf(presets));
    }
}
