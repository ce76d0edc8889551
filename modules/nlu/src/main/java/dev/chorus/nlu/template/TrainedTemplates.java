package dev.chorus.nlu.template;

import dev.chorus.nlu.template.PathSearch.Path;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Templates compiled for matching: one graph per intent, in template order, and the spoken grammar of each.
 *
 * <p>Matching: the query is normalised ({@link Normalizer}); an exact match wins (the first intent in template
 * order that has one). Otherwise one edit is allowed when the query has at least 4 words (so at most a quarter
 * of its words): a dropped or replaced word, or an extra word before or after the sentence, never inside a tag. The fuzzy match is taken only when
 * exactly one intent reaches the fewest edits (a tie between intents is not recognised: better no answer than a
 * wrong one); its confidence is {@code 1 - edits / (words + 1)}.
 */
public final class TrainedTemplates {

    /** One intent: its graph and its spoken grammar. */
    public record IntentTemplate(String name, String jsgf, List<String> words, long sentences) {}

    private record Compiled(IntentTemplate template, Graph graph) {}

    static final int MAX_EDITS = 1;
    static final int WORDS_PER_EDIT = 4;

    private final List<Compiled> intents;
    private final Vocabulary vocabulary;
    private final String id;

    TrainedTemplates(List<IntentTemplate> templates, List<Graph> graphs, Vocabulary vocabulary) {
        List<Compiled> list = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            list.add(new Compiled(templates.get(i), graphs.get(i)));
        }
        this.intents = List.copyOf(list);
        this.vocabulary = vocabulary;
        this.id = hash(templates);
    }

    public List<IntentTemplate> intents() {
        return intents.stream().map(Compiled::template).toList();
    }

    /** A content hash of the spoken grammar and the intent names: changes when (and only when) they do. */
    public String id() {
        return id;
    }

    /** How many sentences the templates expand to. */
    public long sentenceCount() {
        return intents.stream().mapToLong(c -> c.template().sentences()).sum();
    }

    /**
     * The intent of {@code query}, among the intents of {@code intentFilter} (null or empty = all).
     */
    public Optional<Recognition> recognize(String query, Collection<String> intentFilter) {
        List<String> words = Normalizer.words(query);
        String[] input = words.toArray(String[]::new);
        int[] ids = new int[input.length];
        for (int i = 0; i < input.length; i++) {
            ids[i] = vocabulary.lookup(input[i]);
        }
        List<Compiled> candidates = intents.stream()
                .filter(c -> intentFilter == null
                        || intentFilter.isEmpty()
                        || intentFilter.contains(c.template().name()))
                .toList();
        for (Compiled c : candidates) {
            Path path = PathSearch.find(c.graph(), vocabulary, input, ids, 0);
            if (path != null) {
                Optional<Recognition> r = read(c, path, words, 1.0);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        int budget = Math.min(MAX_EDITS, input.length / WORDS_PER_EDIT);
        if (budget == 0) {
            return Optional.empty();
        }
        int best = Integer.MAX_VALUE;
        List<Compiled> bestIntents = new ArrayList<>();
        List<Path> bestPaths = new ArrayList<>();
        for (Compiled c : candidates) {
            Path path = PathSearch.find(c.graph(), vocabulary, input, ids, budget);
            if (path == null || path.edits() > best) {
                continue;
            }
            if (path.edits() < best) {
                best = path.edits();
                bestIntents.clear();
                bestPaths.clear();
            }
            bestIntents.add(c);
            bestPaths.add(path);
        }
        if (bestIntents.size() != 1) {
            return Optional.empty();
        }
        return read(bestIntents.get(0), bestPaths.get(0), words, 1.0 - (double) best / (input.length + 1));
    }

    private Optional<Recognition> read(Compiled c, Path path, List<String> words, double confidence) {
        try {
            return Optional.of(PathReader.read(c.template().name(), c.graph(), vocabulary, path, words, confidence));
        } catch (Converters.ConversionException e) {
            return Optional.empty();
        }
    }

    private static String hash(List<IntentTemplate> templates) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (IntentTemplate t : templates) {
                sha.update(t.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(t.jsgf().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
