package dev.chorus.nlu.template;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cheapest path through an intent's {@link Graph} for the input words, allowing up to {@code maxEdits} edits:
 * an extra input word before or after the sentence (inserted), a template word not heard (dropped), or a template word
 * heard as a similar-sounding-on-paper word (replaced: character edit distance at most a third of the word).
 * Nothing inside a tag may be edited: a slot value is taken only as spoken. A 0-1 breadth-first search over
 * (node, input position) states, so the first time the end is reached it is with the fewest edits.
 */
final class PathSearch {

    static final int EDGE = 0;
    static final int INSERT = 1;
    static final int DROP = 2;
    static final int REPLACE = 3;

    /** One step of a path: {@code edge} is -1 for an inserted input word. */
    record Step(int edge, int op) {}

    /** A path from the start to the end consuming every input word. */
    record Path(int edits, List<Step> steps) {}

    private PathSearch() {}

    static Path find(Graph g, Vocabulary vocabulary, String[] input, int[] ids, int maxEdits) {
        int n = ids.length;
        long width = n + 1L;
        Map<Long, Integer> dist = new HashMap<>();
        Map<Long, long[]> parent = new HashMap<>();
        Set<Long> done = new HashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        long startKey = g.start * width;
        dist.put(startKey, 0);
        queue.add(startKey);
        while (!queue.isEmpty()) {
            long key = queue.pollFirst();
            if (!done.add(key)) {
                continue;
            }
            int d = dist.get(key);
            int node = (int) (key / width);
            int pos = (int) (key % width);
            if (node == g.end && pos == n) {
                return path(d, key, parent);
            }
            boolean editable = !g.inTag[node] && d < maxEdits;
            // extra words only before or after the sentence ("please ...", "... now"): one in the middle is more
            // likely a word the sentence did not have room for, e.g. a slot value the templates do not know
            if (editable && pos < n && ((node == g.start && pos == 0) || node == g.end)) {
                relax(queue, dist, parent, node * width + pos + 1, d + 1, key, -1, INSERT);
            }
            for (int e : g.edges[node]) {
                int to = g.target[e];
                if (g.kind[e] != Graph.WORD) {
                    relax(queue, dist, parent, to * width + pos, d, key, e, EDGE);
                } else if (pos < n && g.word[e] == ids[pos]) {
                    relax(queue, dist, parent, to * width + pos + 1, d, key, e, EDGE);
                } else if (editable) {
                    if (pos < n && similar(vocabulary.word(g.word[e]), input[pos])) {
                        relax(queue, dist, parent, to * width + pos + 1, d + 1, key, e, REPLACE);
                    }
                    relax(queue, dist, parent, to * width + pos, d + 1, key, e, DROP);
                }
            }
        }
        return null;
    }

    private static void relax(
            ArrayDeque<Long> queue,
            Map<Long, Integer> dist,
            Map<Long, long[]> parent,
            long key,
            int d,
            long from,
            int edge,
            int op) {
        Integer old = dist.get(key);
        if (old != null && old <= d) {
            return;
        }
        dist.put(key, d);
        parent.put(key, new long[] {from, edge, op});
        if (op == EDGE) {
            queue.addFirst(key);
        } else {
            queue.addLast(key);
        }
    }

    private static Path path(int edits, long end, Map<Long, long[]> parent) {
        List<Step> steps = new ArrayList<>();
        long key = end;
        long[] p;
        while ((p = parent.get(key)) != null) {
            steps.add(new Step((int) p[1], (int) p[2]));
            key = p[0];
        }
        Collections.reverse(steps);
        return new Path(edits, steps);
    }

    /** Words that differ by at most a third of their letters (at least one): "light"/"lights", "of"/"off". */
    static boolean similar(String a, String b) {
        int limit = Math.max(1, Math.max(a.length(), b.length()) / 3);
        if (Math.abs(a.length() - b.length()) > limit) {
            return false;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()] <= limit;
    }
}
