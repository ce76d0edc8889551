package dev.chorus.nlu.bench;

import dev.chorus.nlu.template.Recognition;
import dev.chorus.nlu.template.TemplateCompiler;
import dev.chorus.nlu.template.TrainedTemplates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NLU latency and throughput on a template set of 500 expanded sentences (10 intents × 2 verbs × 5 things × 5
 * rooms), one thread: exact queries (sentences of the set) and fuzzy ones (the same with one word dropped, so
 * every intent is searched exactly, then with one edit). Prints a Markdown table for docs/performance.md.
 *
 * <p>Run: {@code ./mvnw -q -pl modules/nlu -am -P bench -DskipTests verify}
 */
public final class NluBenchmark {

    private static final int INTENTS = 10;
    private static final String[] ROOMS = {"kitchen", "bedroom", "hall", "office", "garage"};
    private static final int WARMUP = 20_000;
    private static final int MEASURED = 50_000;

    private NluBenchmark() {}

    public static void main(String[] args) throws Exception {
        StringBuilder ini = new StringBuilder();
        List<String> exact = new ArrayList<>();
        List<String> fuzzy = new ArrayList<>();
        for (int i = 0; i < INTENTS; i++) {
            String[] verbs = {"verb" + i + "a", "verb" + i + "b"};
            String[] things = new String[5];
            for (int j = 0; j < things.length; j++) {
                things[j] = "thing" + i + "x" + j;
            }
            ini.append("[Intent")
                    .append(i)
                    .append("]\n(")
                    .append(String.join(" | ", verbs))
                    .append(") the (")
                    .append(String.join(" | ", things))
                    .append("){thing} in the $rooms{room}\n");
            for (String verb : verbs) {
                for (String thing : things) {
                    for (String room : ROOMS) {
                        exact.add(verb + " the " + thing + " in the " + room);
                        fuzzy.add(verb + " " + thing + " in the " + room);
                    }
                }
            }
        }
        long t0 = System.nanoTime();
        TrainedTemplates templates = TemplateCompiler.compile(
                Map.of(TemplateCompiler.SENTENCES, ini.toString(), "slots/rooms", String.join("\n", ROOMS)));
        double trainMs = (System.nanoTime() - t0) / 1e6;
        if (templates.sentenceCount() != 500) {
            throw new IllegalStateException("expected 500 sentences, got " + templates.sentenceCount());
        }
        check(templates, exact.get(123), 0);
        check(templates, fuzzy.get(321), 1);

        System.out.println("| set | queries | mean µs/query | p50 µs | p99 µs | queries/s |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf("| train 500 sentences | 1 | %.1f ms | | | |%n", trainMs);
        run("exact", templates, exact);
        run("fuzzy (one word dropped)", templates, fuzzy);
    }

    private static void check(TrainedTemplates t, String query, int edits) {
        Optional<Recognition> r = t.recognize(query, null);
        if (r.isEmpty() || r.get().edits() != edits) {
            throw new IllegalStateException(query + " -> " + r);
        }
    }

    private static void run(String name, TrainedTemplates t, List<String> queries) {
        int hits = 0;
        for (int i = 0; i < WARMUP; i++) {
            hits += t.recognize(queries.get(i % queries.size()), null).isPresent() ? 1 : 0;
        }
        long[] times = new long[MEASURED];
        long start = System.nanoTime();
        for (int i = 0; i < MEASURED; i++) {
            long q0 = System.nanoTime();
            hits += t.recognize(queries.get(i % queries.size()), null).isPresent() ? 1 : 0;
            times[i] = System.nanoTime() - q0;
        }
        long total = System.nanoTime() - start;
        if (hits != WARMUP + MEASURED) {
            throw new IllegalStateException(name + ": " + (WARMUP + MEASURED - hits) + " queries not recognised");
        }
        Arrays.sort(times);
        System.out.printf(
                "| %s | %d | %.1f | %.1f | %.1f | %.0f |%n",
                name,
                MEASURED,
                total / 1e3 / MEASURED,
                times[MEASURED / 2] / 1e3,
                times[MEASURED * 99 / 100] / 1e3,
                MEASURED / (total / 1e9));
    }
}
