package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The installed voices (voices.yml) and the default voice per language.
 * Lookup by voice id or by language ({@code en}, {@code en-US}, {@code en_US}, any case).
 */
public final class VoiceCatalog {

    public static final String FILE = "voices.yml";
    static final Set<String> ENGINES = Set.of("marytts");
    private static final Set<String> GENDERS = Set.of("female", "male", "neutral");
    private static final Set<String> TOP_KEYS = Set.of("voices", "defaults");
    private static final Set<String> VOICE_KEYS =
            Set.of("id", "engine", "maryVoice", "locale", "gender", "description");

    private final Map<String, Voice> byId;
    /** Keys are normalised language tags ("en", "en-US"). */
    private final Map<String, Voice> defaults;

    VoiceCatalog(@NonNull final List<Voice> voices, @NonNull final Map<String, Voice> defaults) {
        final Map<String, Voice> ids = new LinkedHashMap<>();
        voices.forEach(v -> ids.put(v.id(), v));
        this.byId = Collections.unmodifiableMap(ids);
        this.defaults = Map.copyOf(defaults);
    }

    /** Reads {@code dir/voices.yml}; throws {@link TtsException.BadConfig} naming file and line. */
    @NonNull
    public static VoiceCatalog load(@NonNull final Path dir) {
        final YamlFile yaml = YamlFile.read(dir.resolve(FILE));
        final Node root = yaml.root();
        if (root == null) {
            throw TtsException.BadConfig.at(FILE, 1, "file is empty; it must list 'voices:'");
        }
        final Map<String, Node> top = yaml.mapping(root, "the file", TOP_KEYS);
        final Node voicesNode = top.get("voices");
        if (voicesNode == null) {
            throw yaml.error(root, "missing required key 'voices'");
        }
        final List<Voice> voices = new ArrayList<>();
        final Set<String> ids = new LinkedHashSet<>();
        for (final Node entry : yaml.sequence(voicesNode, "'voices'")) {
            final Map<String, Node> map = yaml.mapping(entry, "a voice", VOICE_KEYS);
            final String id = yaml.text(entry, map, "id");
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                throw yaml.error(map.get("id"), "voice id '" + id + "' may only use letters, digits, '.', '_', '-'");
            }
            if (!ids.add(id)) {
                throw yaml.error(map.get("id"), "voice id '" + id + "' is listed twice");
            }
            final String engine = yaml.text(entry, map, "engine");
            if (!ENGINES.contains(engine)) {
                throw yaml.error(
                        map.get("engine"),
                        "engine '" + engine + "' is not supported; supported: " + String.join(", ", ENGINES));
            }
            final String maryVoice = yaml.text(entry, map, "maryVoice");
            final String localeText = yaml.text(entry, map, "locale");
            final Locale locale = parseLocale(localeText);
            if (locale == null) {
                throw yaml.error(map.get("locale"), "locale '" + localeText + "' is not a language tag like en-US");
            }
            final String gender = yaml.text(entry, map, "gender").toLowerCase(Locale.ROOT);
            if (!GENDERS.contains(gender)) {
                throw yaml.error(map.get("gender"), "gender must be one of " + String.join(", ", GENDERS));
            }
            final String description = map.containsKey("description") ? yaml.optionalText(map, "description") : id;
            voices.add(new Voice(id, engine, maryVoice, locale, gender, description, YamlFile.line(entry)));
        }
        if (voices.isEmpty()) {
            throw yaml.error(voicesNode, "'voices' lists no voice");
        }
        final Map<String, Voice> byId = new LinkedHashMap<>();
        voices.forEach(v -> byId.put(v.id(), v));
        final Map<String, Voice> defaults = new LinkedHashMap<>();
        final Node defaultsNode = top.get("defaults");
        if (defaultsNode != null) {
            for (final Map.Entry<String, Node> e :
                    yaml.mapping(defaultsNode, "'defaults'", null).entrySet()) {
                final Node keyNode = yaml.keyNode(defaultsNode, e.getKey());
                final Locale lang = parseLocale(e.getKey());
                if (lang == null) {
                    throw yaml.error(keyNode, "'" + e.getKey() + "' is not a language like en or en-US");
                }
                final String voiceId = yaml.scalar(e.getValue(), "the default voice of '" + e.getKey() + "'")
                        .trim();
                final Voice voice = byId.get(voiceId);
                if (voice == null) {
                    throw yaml.error(
                            e.getValue(),
                            "default voice '" + voiceId + "' for '" + e.getKey() + "' is not listed under 'voices'");
                }
                if (!voice.locale().getLanguage().equals(lang.getLanguage())) {
                    throw yaml.error(
                            e.getValue(),
                            "voice '" + voiceId + "' speaks " + voice.languageTag()
                                    + ", so it cannot be the default for '" + e.getKey() + "'");
                }
                defaults.put(lang.toLanguageTag(), voice);
            }
        }
        return new VoiceCatalog(voices, defaults);
    }

    /** Every voice, in file order. */
    @NonNull
    public List<Voice> voices() {
        return List.copyOf(byId.values());
    }

    /** The voice with this id. */
    @NonNull
    public Voice byId(@NonNull final String id) {
        final Voice voice = byId.get(id.trim());
        if (voice == null) {
            throw new TtsException.UnknownVoice(id, byId.keySet());
        }
        return voice;
    }

    /**
     * The voice for a language: the default for the full tag, else a voice with exactly that
     * locale, else the default for the bare language, else any voice of that language.
     */
    @NonNull
    public Voice forLanguage(@NonNull final String lang) {
        final Locale locale = parseLocale(lang);
        if (locale == null) {
            throw new TtsException.UnknownLanguage(lang, languages());
        }
        final String tag = locale.toLanguageTag();
        final String language = locale.getLanguage();
        Voice voice = defaults.get(tag);
        if (voice == null) {
            voice = byId.values().stream()
                    .filter(v -> v.locale().equals(locale))
                    .findFirst()
                    .orElse(null);
        }
        if (voice == null) {
            voice = defaults.get(language);
        }
        if (voice == null) {
            voice = byId.values().stream()
                    .filter(v -> v.locale().getLanguage().equals(language))
                    .findFirst()
                    .orElse(null);
        }
        if (voice == null) {
            throw new TtsException.UnknownLanguage(lang, languages());
        }
        return voice;
    }

    /** The voice for a request: the named voice if any, else the language's, else the fallback language's. */
    @NonNull
    public Voice resolve(
            @Nullable final String voiceId, @Nullable final String lang, @NonNull final String fallbackLanguage) {
        if (voiceId != null && !voiceId.isBlank()) {
            return byId(voiceId);
        }
        return forLanguage(lang != null && !lang.isBlank() ? lang : fallbackLanguage);
    }

    /** Languages with at least one voice, e.g. [en, en-US]. */
    @NonNull
    public Set<String> languages() {
        final Set<String> out = new LinkedHashSet<>();
        for (final Voice v : byId.values()) {
            out.add(v.locale().getLanguage());
            out.add(v.languageTag());
        }
        return out;
    }

    /** "en", "en-US", "en_us", "EN-us" → Locale; null when it is not a language tag. */
    @Nullable
    static Locale parseLocale(@NonNull final String text) {
        final String tag = text.trim().replace('_', '-');
        if (tag.isEmpty()) {
            return null;
        }
        final Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty()) {
            return null;
        }
        return locale;
    }
}
