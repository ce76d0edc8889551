package dev.chorus.nlu.template;

import dev.chorus.nlu.template.PathSearch.Path;
import dev.chorus.nlu.template.PathSearch.Step;
import dev.chorus.nlu.template.Recognition.RecognizedSlot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks a found path and builds what Rhasspy outputs for it: the recognised text (template words, with
 * substitutions and converters applied) and the tagged slots with their ranges in that text and in the raw words.
 */
final class PathReader {

    /** A word of the recognised text; {@code value} is set when a converter produced it. */
    private record Token(String text, Object value) {}

    /** An open substitution, converter or tag: where its output and its raw words start. */
    private record Frame(int tokenStart, int wordStart, int edge) {}

    private record OpenSlot(
            String name, String entity, Object value, int tokenStart, int tokenEnd, int wordStart, int wordEnd) {}

    private PathReader() {}

    /**
     * @throws Converters.ConversionException when a converter cannot convert what the path recognised
     */
    static Recognition read(
            String intent, Graph g, Vocabulary vocabulary, Path path, List<String> input, double confidence) {
        List<Token> tokens = new ArrayList<>();
        Deque<Frame> frames = new ArrayDeque<>();
        List<OpenSlot> slots = new ArrayList<>();
        int pos = 0;
        for (Step step : path.steps()) {
            if (step.op() == PathSearch.INSERT) {
                pos++;
                continue;
            }
            int e = step.edge();
            Object data = g.data[e];
            switch (g.kind[e]) {
                case Graph.WORD -> {
                    if (step.op() != PathSearch.DROP) {
                        pos++;
                    }
                    if (data == null) {
                        tokens.add(new Token(vocabulary.word(g.word[e]), null));
                    } else {
                        words(data).forEach(w -> tokens.add(new Token(w, null)));
                    }
                }
                case Graph.OUT -> words(data).forEach(w -> tokens.add(new Token(w, null)));
                case Graph.SUB_BEGIN, Graph.CONV_BEGIN, Graph.TAG_BEGIN ->
                    frames.push(new Frame(tokens.size(), pos, e));
                case Graph.SUB_END -> {
                    Frame f = frames.pop();
                    truncate(tokens, f.tokenStart());
                    words(data).forEach(w -> tokens.add(new Token(w, null)));
                }
                case Graph.CONV_END -> {
                    Frame f = frames.pop();
                    Object value = Converters.apply(value(tokens, f.tokenStart()), words(data));
                    truncate(tokens, f.tokenStart());
                    tokens.add(new Token(Converters.text(value), value));
                }
                case Graph.TAG_END -> {
                    Frame f = frames.pop();
                    String[] tag = (String[]) g.data[f.edge()];
                    slots.add(new OpenSlot(
                            tag[0],
                            tag[1],
                            value(tokens, f.tokenStart()),
                            f.tokenStart(),
                            tokens.size(),
                            f.wordStart(),
                            pos));
                }
                default -> {
                    // EPS and TAG_BEGIN data: nothing to output
                }
            }
        }
        return recognition(intent, confidence, path.edits(), tokens, slots, input);
    }

    private static Recognition recognition(
            String intent, double confidence, int edits, List<Token> tokens, List<OpenSlot> open, List<String> input) {
        List<String> texts = new ArrayList<>();
        int[] tokenStart = new int[tokens.size() + 1];
        int at = 0;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            tokenStart[i] = at;
            if (!t.isEmpty()) {
                texts.add(t);
                at += t.length() + 1;
            }
        }
        tokenStart[tokens.size()] = at;
        String text = String.join(" ", texts);
        int[] wordStart = new int[input.size() + 1];
        int w = 0;
        for (int i = 0; i < input.size(); i++) {
            wordStart[i] = w;
            w += input.get(i).length() + 1;
        }
        wordStart[input.size()] = w;
        List<RecognizedSlot> slots = new ArrayList<>();
        for (OpenSlot s : open) {
            int ts = Math.min(s.tokenStart(), tokens.size());
            int te = Math.min(Math.max(s.tokenEnd(), ts), tokens.size());
            int start = Math.min(tokenStart[ts], text.length());
            int end = Math.max(start, Math.min(tokenStart[te] - (te > ts ? 1 : 0), text.length()));
            int rawStart = wordStart[s.wordStart()];
            int rawEnd = Math.max(rawStart, wordStart[s.wordEnd()] - (s.wordEnd() > s.wordStart() ? 1 : 0));
            String rawValue = String.join(" ", input.subList(s.wordStart(), s.wordEnd()));
            slots.add(new RecognizedSlot(s.name(), s.entity(), s.value(), rawValue, start, end, rawStart, rawEnd));
        }
        return new Recognition(intent, confidence, text, String.join(" ", input), slots, edits);
    }

    /** The value of the tokens from {@code from}: a converter's result if it is the only one, else their text. */
    private static Object value(List<Token> tokens, int from) {
        List<Token> part = tokens.subList(from, tokens.size());
        if (part.size() == 1 && part.get(0).value() != null) {
            return part.get(0).value();
        }
        List<String> texts = new ArrayList<>();
        part.forEach(t -> {
            if (!t.text().isEmpty()) {
                texts.add(t.text());
            }
        });
        return String.join(" ", texts);
    }

    private static void truncate(List<Token> tokens, int size) {
        tokens.subList(size, tokens.size()).clear();
    }

    @SuppressWarnings("unchecked")
    private static List<String> words(Object data) {
        return (List<String>) data;
    }
}
