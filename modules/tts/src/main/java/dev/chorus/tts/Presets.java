package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Named speech presets (presets.yml). Friendly fields ({@code pitch}, {@code pitchRange},
 * {@code volume}, {@code tract}) and raw MaryTTS {@code effects} are compiled into one
 * MaryTTS audio-effects string per preset; {@code rate} becomes SSML prosody (see
 * {@link Preset#rate()}). Ranges are MaryTTS 5.2.1's own.
 */
public final class Presets {

    public static final String FILE = "presets.yml";
    private static final Set<String> PRESET_KEYS =
            Set.of("description", "rate", "pitch", "pitchRange", "volume", "tract", "effects");
    /** MaryTTS 5.2.1 effect names (getName() of each class in marybase.config) and their parameters. */
    static final Map<String, Set<String>> EFFECTS = Map.ofEntries(
            Map.entry("Rate", Set.of("durScale")),
            Map.entry("F0Add", Set.of("f0Add")),
            Map.entry("F0Scale", Set.of("f0Scale")),
            Map.entry("Volume", Set.of("amount")),
            Map.entry("TractScaler", Set.of("amount")),
            Map.entry("Robot", Set.of("amount")),
            Map.entry("Whisper", Set.of("amount")),
            Map.entry("Stadium", Set.of("amount")),
            Map.entry("JetPilot", Set.of()),
            Map.entry("FIRFilter", Set.of("type", "fc1", "fc2")),
            Map.entry("Chorus", chorusParams()));
    /** Effects MaryTTS applies by changing the (shared) HMM voice rather than the audio. */
    static final Set<String> VOICE_EFFECTS = Set.of("F0Add", "F0Scale");

    private static final Pattern EFFECT = Pattern.compile("([A-Za-z0-9]+)\\s*(?:\\((.*)\\))?");

    private final Map<String, Preset> byName;

    private Presets(final Map<String, Preset> byName) {
        this.byName = byName;
    }

    /** Only the {@code default} preset, with no effects. */
    @NonNull
    public static Presets none() {
        return new Presets(Map.of("default", new Preset("default", "plain voice", 1.0, "", "")));
    }

    /** Reads {@code dir/presets.yml}; a missing file gives {@link #none()}. */
    @NonNull
    public static Presets load(@NonNull final Path dir) {
        final Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return none();
        }
        final YamlFile yaml = YamlFile.read(file);
        final Node root = yaml.root();
        if (root == null) {
            return none();
        }
        final Map<String, Node> top = yaml.mapping(root, "the file", Set.of("presets"));
        final Node presetsNode = top.get("presets");
        if (presetsNode == null) {
            throw yaml.error(root, "missing required key 'presets'");
        }
        final Map<String, Preset> out = new LinkedHashMap<>();
        for (final Map.Entry<String, Node> e :
                yaml.mapping(presetsNode, "'presets'", null).entrySet()) {
            final String name = e.getKey();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw yaml.error(
                        yaml.keyNode(presetsNode, name),
                        "preset name '" + name + "' may only use letters, digits, '.', '_', '-'");
            }
            out.put(name, compile(yaml, name, e.getValue()));
        }
        return new Presets(out);
    }

    private static Preset compile(final YamlFile yaml, final String name, final Node node) {
        if (node instanceof ScalarNode s
                && (s.getValue().isEmpty() || s.getValue().equals("~"))) {
            return new Preset(name, name, 1.0, "", "");
        }
        final Map<String, Node> map = yaml.mapping(node, "preset '" + name + "'", PRESET_KEYS);
        final List<String> effects = new ArrayList<>();
        final Double rate = yaml.number(map, "rate", 0.25, 4.0);
        final Double pitch = yaml.number(map, "pitch", -300, 300);
        if (pitch != null && pitch != 0.0) {
            effects.add("F0Add(f0Add:" + fmt(pitch) + ")");
        }
        final Double range = yaml.number(map, "pitchRange", 0, 3);
        if (range != null && range != 1.0) {
            effects.add("F0Scale(f0Scale:" + fmt(range) + ")");
        }
        final Double tract = yaml.number(map, "tract", 0.25, 4);
        if (tract != null && tract != 1.0) {
            effects.add("TractScaler(amount:" + fmt(tract) + ")");
        }
        final Double volume = yaml.number(map, "volume", 0, 10);
        if (volume != null && volume != 1.0) {
            effects.add("Volume(amount:" + fmt(volume) + ")");
        }
        final Node raw = map.get("effects");
        if (raw != null) {
            final List<Node> items = raw instanceof ScalarNode ? List.of(raw) : yaml.sequence(raw, "'effects'");
            for (final Node item : items) {
                effects.add(
                        checkEffect(yaml, item, yaml.scalar(item, "an effect").trim()));
            }
        }
        final String description = map.containsKey("description") ? yaml.optionalText(map, "description") : name;
        final List<String> voiceParams =
                effects.stream().filter(Presets::isVoiceEffect).toList();
        return new Preset(
                name, description, rate == null ? 1.0 : rate, String.join("+", effects), String.join("+", voiceParams));
    }

    /** Checks one raw effect such as {@code Robot(amount:80)} and returns it normalised. */
    private static String checkEffect(final YamlFile yaml, final Node node, final String text) {
        final Matcher m = EFFECT.matcher(text);
        if (!m.matches()) {
            throw yaml.error(node, "effect '" + text + "' must look like Name or Name(param:value;param:value)");
        }
        final String effect = m.group(1);
        if (effect.equals("Rate")) {
            throw yaml.error(
                    node,
                    "the MaryTTS Rate effect does nothing in MaryTTS 5.2.1 (marytts issue #213);"
                            + " use 'rate:' instead (1.25 = 25% faster)");
        }
        final Set<String> params = EFFECTS.get(effect);
        if (params == null) {
            throw yaml.error(
                    node,
                    "unknown MaryTTS effect '" + effect + "'; known: "
                            + String.join(
                                    ", ", EFFECTS.keySet().stream().sorted().toList()));
        }
        final String args = m.group(2) == null ? "" : m.group(2).trim();
        final List<String> normalised = new ArrayList<>();
        for (final String part : args.split("[;,]")) {
            if (part.isBlank()) {
                continue;
            }
            final String[] kv = part.split("[:=]", 2);
            final String key = kv[0].trim();
            if (!params.contains(key)) {
                throw yaml.error(
                        node,
                        "effect " + effect + " has no parameter '" + key + "'"
                                + (params.isEmpty()
                                        ? ""
                                        : "; it takes "
                                                + String.join(
                                                        ", ",
                                                        params.stream().sorted().toList())));
            }
            final String value = kv.length > 1 ? kv[1].trim() : "";
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw yaml.error(
                        node, "parameter '" + key + "' of " + effect + " must be a number, got '" + value + "'");
            }
            normalised.add(key + ":" + value);
        }
        return normalised.isEmpty() ? effect : effect + "(" + String.join(";", normalised) + ")";
    }

    private static boolean isVoiceEffect(final String effect) {
        final Matcher m = EFFECT.matcher(effect);
        return m.matches() && VOICE_EFFECTS.contains(m.group(1));
    }

    /** The preset with this name; {@code null} or blank means {@code fallback}. */
    @NonNull
    public Preset get(@Nullable final String name, @NonNull final String fallback) {
        final String wanted = name == null || name.isBlank() ? fallback : name.trim();
        final Preset preset = byName.get(wanted);
        if (preset == null) {
            throw new TtsException.UnknownPreset(wanted, byName.keySet());
        }
        return preset;
    }

    /** Every preset, in file order. */
    @NonNull
    public List<Preset> all() {
        return List.copyOf(byName.values());
    }

    private static String fmt(final double value) {
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    private static Set<String> chorusParams() {
        final List<String> names = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            names.add("delay" + i);
            names.add("amp" + i);
        }
        return Set.copyOf(names);
    }
}
