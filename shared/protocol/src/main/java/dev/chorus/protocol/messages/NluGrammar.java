package dev.chorus.protocol.messages;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Retained on {@code chorus/nlu/grammar}: what the nlu module is trained on, as the spoken side of every intent,
 * for the speech recogniser. The asr module builds its recognition grammar from it, so one template edit retrains
 * both and no module reads another's files. The nlu module publishes it after every successful training and on
 * every (re)connect. Wire order id, language, intents.
 *
 * @param id       changes when (and only when) the trained templates change (a content hash)
 * @param language the templates' language, e.g. {@code en}
 * @param intents  every intent, in template order
 */
@HermesMessage
public record NluGrammar(String id, String language, List<IntentGrammar> intents) implements Addressed {

    public NluGrammar {
        Required.key(id, "id");
        Required.key(intents, "intents");
        language = Required.orDefault(language, "en");
        intents = List.copyOf(intents);
    }

    @Override
    public String topic() {
        return Topics.NLU_GRAMMAR;
    }

    /**
     * A JSGF grammar (V1.0, grammar {@code chorus}, public rule {@code <command>}) accepting the spoken sentences of
     * the intents in {@code intentFilter}, or of every intent when it is null or empty. An intent whose expansion is
     * empty, and a filter naming no known intent, give a grammar with {@code <VOID>} (nothing matches).
     */
    public String jsgf(Collection<String> intentFilter) {
        StringBuilder out = new StringBuilder("#JSGF V1.0;\ngrammar chorus;\n");
        List<String> alternatives = new ArrayList<>();
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < intents.size(); i++) {
            IntentGrammar intent = intents.get(i);
            boolean wanted =
                    intentFilter == null || intentFilter.isEmpty() || intentFilter.contains(intent.intentName());
            if (!wanted || intent.jsgf().isBlank()) {
                continue;
            }
            alternatives.add("<i" + i + ">");
            rules.append("<i").append(i).append("> = ").append(intent.jsgf()).append(";\n");
        }
        out.append("public <command> = ")
                .append(alternatives.isEmpty() ? "<VOID>" : String.join(" | ", alternatives))
                .append(";\n");
        return out.append(rules).toString();
    }

    /**
     * One intent's spoken sentences. Wire order intentName, jsgf, words.
     *
     * @param intentName the intent's name, as in {@code hermes/intent/{intentName}}
     * @param jsgf       a JSGF rule expansion of the words that can be spoken for it (rules, slot lists and number
     *                   ranges expanded; substitutions, tags and converters removed): lower-case words, {@code ( | )}
     *                   and {@code [ ]} only; no rule references
     * @param words      every distinct word of {@code jsgf}, sorted (for checking them against a pronunciation
     *                   dictionary)
     */
    @HermesMessage
    public record IntentGrammar(String intentName, String jsgf, List<String> words) {

        public IntentGrammar {
            Required.key(intentName, "intentName");
            Required.key(jsgf, "jsgf");
            words = words == null ? List.of() : List.copyOf(words);
        }
    }
}
