package dev.chorus.nlu.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Word ids shared by the graphs of one training, so that matching compares ints. */
final class Vocabulary {

    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> words = new ArrayList<>();

    int id(String word) {
        Integer id = ids.get(word);
        if (id == null) {
            id = words.size();
            ids.put(word, id);
            words.add(word);
        }
        return id;
    }

    String word(int id) {
        return words.get(id);
    }

    /** The id of a known word, -1 for a word no template has. */
    int lookup(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }
}
