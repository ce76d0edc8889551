package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pronunciation lexicon (lexicon.txt): {@code word or phrase = how to say it}, applied to the
 * text before synthesis, whole words only, ignoring case. Entries under a {@code [xx]} header
 * apply only to that language and win over entries above all headers, which apply to every
 * language. {@link #version()} is a hash of the file, part of every cache key.
 */
public final class Lexicon {

    public static final String FILE = "lexicon.txt";
    private static final String ALL = "*";
    private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]\\s]+)\\s*]");
    private static final Pattern KEY = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'.&+\\- ]*");

    /** Section ("*" or a language like "en") → lower-cased key → respelling. */
    private final Map<String, Map<String, String>> sections;

    private final String version;
    private final Map<String, Rules> rulesByLanguage = new ConcurrentHashMap<>();

    private Lexicon(final Map<String, Map<String, String>> sections, final String version) {
        this.sections = sections;
        this.version = version;
    }

    /** A lexicon with no entries. */
    @NonNull
    public static Lexicon empty() {
        return new Lexicon(Map.of(), "empty");
    }

    /** Reads {@code dir/lexicon.txt}; a missing file is an empty lexicon. */
    @NonNull
    public static Lexicon load(@NonNull final Path dir) {
        final Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return empty();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TtsException.BadConfig(FILE + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses lexicon text; errors name lexicon.txt and the line. */
    @NonNull
    public static Lexicon parse(@NonNull final String text) {
        final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        String section = ALL;
        final String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            final int lineNo = i + 1;
            final String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            final Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                final String name = header.group(1);
                if (name.equals(ALL)) {
                    section = ALL;
                } else {
                    final Locale locale = VoiceCatalog.parseLocale(name);
                    if (locale == null) {
                        throw TtsException.BadConfig.at(FILE, lineNo, "'[" + name + "]' is not a language like [en]");
                    }
                    section = locale.getLanguage();
                }
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq < 0) {
                throw TtsException.BadConfig.at(FILE, lineNo, "expected 'word = how to say it', got '" + line + "'");
            }
            final String key = line.substring(0, eq).trim().replaceAll("\\s+", " ");
            final String value = line.substring(eq + 1).trim();
            if (key.isEmpty() || !KEY.matcher(key).matches()) {
                throw TtsException.BadConfig.at(
                        FILE, lineNo, "'" + key + "' must start with a letter or digit and hold only words");
            }
            if (value.isEmpty()) {
                throw TtsException.BadConfig.at(FILE, lineNo, "'" + key + "' has nothing after '='");
            }
            final Map<String, String> entries = sections.computeIfAbsent(section, s -> new LinkedHashMap<>());
            if (entries.put(key.toLowerCase(Locale.ROOT), value) != null) {
                throw TtsException.BadConfig.at(
                        FILE,
                        lineNo,
                        "'" + key + "' is listed twice" + (section.equals(ALL) ? "" : " in [" + section + "]"));
            }
        }
        return new Lexicon(sections, hash(text));
    }

    /** A short hash of the file content; changes whenever any entry changes. */
    @NonNull
    public String version() {
        return version;
    }

    /** Number of entries in all sections. */
    public int size() {
        return sections.values().stream().mapToInt(Map::size).sum();
    }

    /** The text with every whole-word match replaced by its respelling. */
    @NonNull
    public String apply(@NonNull final String text, @NonNull final Locale language) {
        if (sections.isEmpty() || text.isEmpty()) {
            return text;
        }
        return rulesByLanguage
                .computeIfAbsent(language.getLanguage(), this::rules)
                .apply(text);
    }

    private Rules rules(final String language) {
        final Map<String, String> merged = new LinkedHashMap<>(sections.getOrDefault(ALL, Map.of()));
        merged.putAll(sections.getOrDefault(language, Map.of()));
        if (merged.isEmpty()) {
            return new Rules(null, Map.of());
        }
        final List<String> keys = new ArrayList<>(merged.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed()); // longest phrase wins
        final StringBuilder alternatives = new StringBuilder();
        for (final String key : keys) {
            if (alternatives.length() > 0) {
                alternatives.append('|');
            }
            final String[] words = key.split(" ");
            for (int w = 0; w < words.length; w++) {
                alternatives.append(w == 0 ? "" : "\\s+").append(Pattern.quote(words[w]));
            }
        }
        final Pattern pattern = Pattern.compile(
                "(?<![\\p{L}\\p{N}_])(?:" + alternatives + ")(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Rules(pattern, merged);
    }

    private record Rules(Pattern pattern, Map<String, String> respellings) {
        String apply(final String text) {
            if (pattern == null) {
                return text;
            }
            final Matcher m = pattern.matcher(text);
            final StringBuilder out = new StringBuilder(text.length() + 16);
            while (m.find()) {
                final String key = m.group().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
                m.appendReplacement(out, Matcher.quoteReplacement(respellings.get(key)));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    private static String stripComment(final String line) {
        final String trimmed = line.stripLeading();
        return trimmed.startsWith("#") ? "" : line;
    }

    private static String hash(final String text) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
