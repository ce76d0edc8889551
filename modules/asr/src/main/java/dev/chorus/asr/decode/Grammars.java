package dev.chorus.asr.decode;

import dev.chorus.protocol.messages.NluGrammar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trained grammar ({@code chorus/nlu/grammar}) and the recognition grammars made from it, one per intent
 * filter, in a bounded least-recently-used cache. Words the pronunciation dictionary lacks are left out of the
 * recognition grammar ({@code <NULL>}: the sentence is recognised without them) and reported once per grammar id.
 * Thread-safe.
 */
public final class Grammars {

    /** A rule reference ({@code <VOID>}), or (group 1) a word: anything but blanks and JSGF operators. */
    private static final Pattern TOKEN = Pattern.compile("<[^>]*>|([^\\s()|\\[\\]<>;=*+\"/{}]+)");

    /** A recognition grammar ready for {@link SphinxRecognizer#useGrammar}. */
    public record Compiled(String key, String jsgf) {}

    private final int cacheSize;
    private final Map<String, Compiled> cache;
    private NluGrammar current;
    private String unknownFor;
    private Set<String> unknownWords = Set.of();

    public Grammars(int cacheSize) {
        this.cacheSize = cacheSize;
        this.cache = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** A new trained grammar (or null: not trained); true when its id differs from the one held. */
    public synchronized boolean set(NluGrammar grammar) {
        boolean changed = grammar == null
                ? current != null
                : current == null || !current.id().equals(grammar.id());
        if (changed) {
            current = grammar;
            cache.clear();
        }
        return changed;
    }

    /** The trained grammar, if one arrived. */
    public synchronized Optional<NluGrammar> current() {
        return Optional.ofNullable(current);
    }

    /**
     * The recognition grammar of {@code grammar} restricted to {@code intentFilter}.
     *
     * @param unknown   the words of a list the dictionary lacks (asked once per grammar id)
     * @param onUnknown told the unknown words the first time they are found for a grammar id
     */
    public Compiled compile(
            NluGrammar grammar,
            Collection<String> intentFilter,
            Function<Collection<String>, Set<String>> unknown,
            Consumer<Set<String>> onUnknown) {
        List<String> filter = intentFilter == null ? List.of() : new ArrayList<>(new TreeSet<>(intentFilter));
        String key = grammar.id() + "|" + String.join(",", filter);
        synchronized (this) {
            Compiled cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            boolean report = false;
            if (!grammar.id().equals(unknownFor)) {
                Set<String> words = new TreeSet<>();
                grammar.intents().forEach(i -> words.addAll(i.words().isEmpty() ? wordsOf(i.jsgf()) : i.words()));
                unknownWords = Set.copyOf(unknown.apply(words));
                unknownFor = grammar.id();
                report = !unknownWords.isEmpty();
            }
            Set<String> missing = unknownWords;
            List<NluGrammar.IntentGrammar> intents = new ArrayList<>();
            for (NluGrammar.IntentGrammar intent : grammar.intents()) {
                intents.add(new NluGrammar.IntentGrammar(
                        intent.intentName(), withoutWords(intent.jsgf(), missing), intent.words()));
            }
            Compiled compiled =
                    new Compiled(key, new NluGrammar(grammar.id(), grammar.language(), intents).jsgf(filter));
            cache.put(key, compiled);
            while (cache.size() > cacheSize) {
                cache.remove(cache.keySet().iterator().next());
            }
            if (report) {
                onUnknown.accept(new TreeSet<>(missing));
            }
            return compiled;
        }
    }

    static Set<String> wordsOf(String jsgf) {
        Set<String> words = new TreeSet<>();
        Matcher m = TOKEN.matcher(jsgf);
        while (m.find()) {
            if (m.group(1) != null) {
                words.add(m.group(1));
            }
        }
        return words;
    }

    static String withoutWords(String jsgf, Set<String> words) {
        if (words.isEmpty()) {
            return jsgf;
        }
        Matcher m = TOKEN.matcher(jsgf);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean drop = m.group(1) != null && words.contains(m.group(1));
            m.appendReplacement(out, drop ? "<NULL>" : Matcher.quoteReplacement(m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
