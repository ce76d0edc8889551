package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML file read as a node tree, so every error can name file and line
 * ("voices.yml:12: ..."). Only composes nodes; never constructs Java objects from tags.
 */
final class YamlFile {

    private final String name;

    @Nullable
    private Node root;

    private YamlFile(final String name) {
        this.name = name;
    }

    /** The document's root node; null for an empty file. */
    @Nullable
    Node root() {
        return root;
    }

    /** The file's name for messages. */
    String name() {
        return name;
    }

    /** Reads and parses {@code file}. */
    @NonNull
    static YamlFile read(@NonNull final Path file) {
        final YamlFile yaml = new YamlFile(file.getFileName().toString());
        if (!Files.isRegularFile(file)) {
            throw new TtsException.BadConfig(yaml.name + ": file not found at " + file.toAbsolutePath());
        }
        final LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            yaml.root = new Yaml(options).compose(reader);
            return yaml;
        } catch (MarkedYAMLException e) {
            final int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw TtsException.BadConfig.at(yaml.name, line, "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new TtsException.BadConfig(yaml.name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** An error at the node's line. */
    TtsException.BadConfig error(@NonNull final Node node, @NonNull final String message) {
        return TtsException.BadConfig.at(name, line(node), message);
    }

    static int line(final Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }

    /** The node as a map of key to value node, keys in file order; rejects keys not in {@code allowed}. */
    Map<String, Node> mapping(
            @NonNull final Node node, @NonNull final String what, @Nullable final Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping (key: value lines)");
        }
        final Map<String, Node> out = new LinkedHashMap<>();
        for (final NodeTuple tuple : mapping.getValue()) {
            final String key = scalar(tuple.getKeyNode(), "a key in " + what);
            if (allowed != null && !allowed.contains(key)) {
                throw error(
                        tuple.getKeyNode(),
                        "unknown key '" + key + "' in " + what + "; allowed: " + String.join(", ", allowed));
            }
            if (out.put(key, tuple.getValueNode()) != null) {
                throw error(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
        }
        return out;
    }

    /** The key node of {@code key} in a mapping node (for error lines). */
    Node keyNode(@NonNull final Node mapping, @NonNull final String key) {
        if (mapping instanceof MappingNode m) {
            for (final NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
                    return tuple.getKeyNode();
                }
            }
        }
        return mapping;
    }

    List<Node> sequence(@NonNull final Node node, @NonNull final String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list (lines starting with '- ')");
        }
        return sequence.getValue();
    }

    String scalar(@NonNull final Node node, @NonNull final String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value");
        }
        return scalar.getValue();
    }

    /** A required non-blank text value from a mapping. */
    String text(@NonNull final Node owner, @NonNull final Map<String, Node> map, @NonNull final String key) {
        final Node node = map.get(key);
        if (node == null) {
            throw error(owner, "missing required key '" + key + "'");
        }
        final String value = scalar(node, "'" + key + "'").trim();
        if (value.isEmpty()) {
            throw error(node, "'" + key + "' must not be empty");
        }
        return value;
    }

    /** An optional text value (null when absent). */
    @Nullable
    String optionalText(@NonNull final Map<String, Node> map, @NonNull final String key) {
        final Node node = map.get(key);
        return node == null ? null : scalar(node, "'" + key + "'").trim();
    }

    /** An optional number in [min, max]. */
    @Nullable
    Double number(@NonNull final Map<String, Node> map, @NonNull final String key, final double min, final double max) {
        final Node node = map.get(key);
        if (node == null) {
            return null;
        }
        final String raw = scalar(node, "'" + key + "'").trim();
        final double value;
        try {
            value = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw error(node, "'" + key + "' must be a number, got '" + raw + "'");
        }
        if (!(value >= min && value <= max)) {
            throw error(node, "'" + key + "' must be between " + min + " and " + max + ", got " + raw);
        }
        return value;
    }
}
