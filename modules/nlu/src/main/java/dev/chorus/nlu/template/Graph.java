package dev.chorus.nlu.template;

import dev.chorus.nlu.template.Expr.Alt;
import dev.chorus.nlu.template.Expr.Conv;
import dev.chorus.nlu.template.Expr.Seq;
import dev.chorus.nlu.template.Expr.Sub;
import dev.chorus.nlu.template.Expr.Tagged;
import dev.chorus.nlu.template.Expr.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One intent compiled into a word graph (a nondeterministic automaton, like Rhasspy's intent graph): word edges
 * consume an input word; the other edges consume nothing and mark where substitutions, converters and tags begin
 * and end, so that a path through the graph also says what the recognised text and slots are.
 */
final class Graph {

    static final byte EPS = 0;
    static final byte WORD = 1;
    /** Words added to the output without being spoken ({@code :please}). */
    static final byte OUT = 2;

    static final byte SUB_BEGIN = 3;
    static final byte SUB_END = 4;
    static final byte CONV_BEGIN = 5;
    static final byte CONV_END = 6;
    static final byte TAG_BEGIN = 7;
    static final byte TAG_END = 8;

    /** The largest graph a template may compile into. */
    static final int MAX_EDGES = 4_000_000;

    final byte[] kind;
    final int[] target;
    /** Vocabulary id of a word edge's spoken word, -1 for other edges. */
    final int[] word;
    /** WORD: output words or null (the word itself); OUT, SUB_END: words; CONV_END: converters; TAG_BEGIN: name, entity. */
    final Object[] data;
    /** Edges leaving each node. */
    final int[][] edges;
    /** Whether a node is inside a tag: the matcher allows no edits there, slot values must be heard as they are. */
    final boolean[] inTag;

    final int start;
    final int end;

    private Graph(Builder b) {
        kind = Arrays.copyOf(b.kind, b.edgeCount);
        target = Arrays.copyOf(b.target, b.edgeCount);
        word = Arrays.copyOf(b.word, b.edgeCount);
        data = b.data.toArray();
        inTag = new boolean[b.nodeCount];
        int[] counts = new int[b.nodeCount];
        for (int e = 0; e < b.edgeCount; e++) {
            counts[b.source[e]]++;
        }
        edges = new int[b.nodeCount][];
        for (int n = 0; n < b.nodeCount; n++) {
            edges[n] = new int[counts[n]];
            inTag[n] = b.nodeInTag.get(n);
        }
        int[] fill = new int[b.nodeCount];
        for (int e = 0; e < b.edgeCount; e++) {
            int s = b.source[e];
            edges[s][fill[s]++] = e;
        }
        start = b.start;
        end = b.end;
    }

    int nodeCount() {
        return edges.length;
    }

    static Graph build(Expr intent, Vocabulary vocabulary) {
        Builder b = new Builder(vocabulary);
        b.start = b.node(false);
        b.end = b.add(intent, b.start, false);
        return new Graph(b);
    }

    private static final class Builder {
        private final Vocabulary vocabulary;
        private byte[] kind = new byte[64];
        private int[] source = new int[64];
        private int[] target = new int[64];
        private int[] word = new int[64];
        private final List<Object> data = new ArrayList<>();
        private final List<Boolean> nodeInTag = new ArrayList<>();
        private int edgeCount;
        private int nodeCount;
        private int start;
        private int end;

        Builder(Vocabulary vocabulary) {
            this.vocabulary = vocabulary;
        }

        int node(boolean tagged) {
            nodeInTag.add(tagged);
            return nodeCount++;
        }

        void edge(int from, int to, byte k, int w, Object d) {
            if (edgeCount == kind.length) {
                if (edgeCount >= MAX_EDGES) {
                    throw new SyntaxException("the templates are too large (over " + MAX_EDGES + " graph edges)");
                }
                int n = edgeCount * 2;
                kind = Arrays.copyOf(kind, n);
                source = Arrays.copyOf(source, n);
                target = Arrays.copyOf(target, n);
                word = Arrays.copyOf(word, n);
            }
            kind[edgeCount] = k;
            source[edgeCount] = from;
            target[edgeCount] = to;
            word[edgeCount] = w;
            data.add(d);
            edgeCount++;
        }

        /** Adds {@code e} after node {@code from}; returns the node where it ends. */
        int add(Expr e, int from, boolean tagged) {
            if (e instanceof Word w) {
                int to = node(tagged);
                if (w.spoken().isEmpty()) {
                    edge(from, to, w.output().isEmpty() ? EPS : OUT, -1, w.output());
                } else {
                    edge(from, to, WORD, vocabulary.id(w.spoken()), w.output());
                }
                return to;
            }
            if (e instanceof Seq s) {
                int at = from;
                for (Expr item : s.items()) {
                    at = add(item, at, tagged);
                }
                return at;
            }
            if (e instanceof Alt a) {
                int to = node(tagged);
                for (Expr option : a.options()) {
                    int in = node(tagged);
                    edge(from, in, EPS, -1, null);
                    edge(add(option, in, tagged), to, EPS, -1, null);
                }
                return to;
            }
            if (e instanceof Sub s) {
                return wrap(from, SUB_BEGIN, null, s.inner(), SUB_END, s.output(), tagged, tagged);
            }
            if (e instanceof Conv c) {
                return wrap(from, CONV_BEGIN, null, c.inner(), CONV_END, c.converters(), tagged, tagged);
            }
            if (e instanceof Tagged t) {
                return wrap(
                        from, TAG_BEGIN, new String[] {t.name(), t.entity()}, t.inner(), TAG_END, null, tagged, true);
            }
            throw new IllegalStateException("unresolved expression " + e);
        }

        private int wrap(
                int from,
                byte open,
                Object openData,
                Expr inner,
                byte close,
                Object closeData,
                boolean outer,
                boolean in) {
            int first = node(in);
            edge(from, first, open, -1, openData);
            int last = add(inner, first, in);
            int to = node(outer);
            edge(last, to, close, -1, closeData);
            return to;
        }
    }
}
