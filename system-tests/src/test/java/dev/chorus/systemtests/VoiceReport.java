package dev.chorus.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The voice benchmark's figures as the markdown of the "Voice loop" section of docs/performance.md: accuracy, the
 * latency of each step (median, p90, share of the mean end to end) and the overhead over engine compute.
 */
final class VoiceReport {

    private final List<VoiceResult> results;
    private final long silenceMs;

    VoiceReport(List<VoiceResult> results, long silenceMs) {
        this.results = List.copyOf(results);
        this.silenceMs = silenceMs;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        int n = results.size();
        long right = results.stream().filter(VoiceResult::rightIntent).count();
        md.append("| accuracy | commands |\n|---|---:|\n");
        md.append(row("wake word detected", count(VoiceResult::wake), n));
        md.append(row("transcript exactly the sentence", count(VoiceResult::exactText), n));
        md.append(row("intent right", count(VoiceResult::rightIntent), n));
        md.append(row("intent and every slot right", count(VoiceResult::rightSlots), n));
        md.append(String.format(
                Locale.ROOT,
                "| slots right when the intent is right | %d/%d |%n%n",
                count(VoiceResult::rightSlots),
                right));

        List<VoiceResult> answered =
                results.stream().filter(r -> r.answerMs() != null).toList();
        double meanEndToEnd = mean(answered, VoiceResult::answerMs);
        md.append(String.format(
                Locale.ROOT,
                "Latency over the %d commands answered (ms after the arrival of the audioFrame carrying the last"
                        + " speech sample; one watcher connection):%n%n",
                answered.size()));
        md.append("| step | median | p90 | share of the mean end to end |\n|---|---:|---:|---:|\n");
        stage(md, answered, "last speech frame → textCaptured (VAD wait, asr decode)", r -> r.textMs(), meanEndToEnd);
        stage(
                md,
                answered,
                "textCaptured → nlu/query (dialogue: stopListening, end beep)",
                r -> diff(r.queryMs(), r.textMs()),
                meanEndToEnd);
        stage(md, answered, "nlu/query → hermes/intent (nlu)", r -> diff(r.intentMs(), r.queryMs()), meanEndToEnd);
        stage(
                md,
                answered,
                "hermes/intent → tts/say (skill or handler, dialogue)",
                r -> diff(r.sayMs(), r.intentMs()),
                meanEndToEnd);
        stage(
                md,
                answered,
                "tts/say → first playBytes of the answer (tts)",
                r -> diff(r.answerMs(), r.sayMs()),
                meanEndToEnd);
        stage(
                md,
                answered,
                "**end to end**: last speech frame → first answer playBytes",
                r -> r.answerMs(),
                Double.NaN);
        stage(md, answered, "last speech frame → end beep playBytes", r -> r.beepMs(), Double.NaN);
        md.append('\n');

        md.append("| engine compute and overhead | median | p90 |\n|---|---:|---:|\n");
        stage(
                md,
                answered,
                "VAD trailing-silence wait (audio time: " + silenceMs + " ms, in whole 64 ms frames)",
                VoiceResult::vadAudioMs,
                Double.NaN);
        stage(
                md,
                answered,
                "asr decode after the recording (textCaptured `seconds`)",
                r -> r.asrSeconds() == null ? null : r.asrSeconds() * 1000,
                Double.NaN);
        stage(
                md,
                answered,
                "tts first audio (the tts log: \"first audio N ms after the request\")",
                r -> r.ttsFirstMs(),
                Double.NaN);
        stage(md, answered, "engine compute (sum; nlu matching is µs, see NLU)", VoiceResult::computeMs, Double.NaN);
        stage(
                md,
                answered,
                "**overhead** = end to end − engine compute (target ≤ 150 ms)",
                VoiceResult::overheadMs,
                Double.NaN);
        md.append('\n');

        md.append(
                "| # | said | heard | intent | slots | end to end ms | overhead ms |\n|---|---|---|---|---|---:|---:|\n");
        for (int i = 0; i < n; i++) {
            VoiceResult r = results.get(i);
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %s | %s | %s | %s |%n",
                    i + 1,
                    r.command().text(),
                    !r.wake()
                            ? "(no wake word)"
                            : r.text() == null ? "(no textCaptured)" : mark(r.text(), r.exactText()),
                    r.intent() == null
                            ? ""
                            : mark(r.intent().isEmpty() ? "(not recognised)" : r.intent(), r.rightIntent()),
                    r.slots().isEmpty() ? "" : mark(r.slots().toString(), r.rightSlots()),
                    ms(r.answerMs()),
                    ms(r.overheadMs())));
        }
        return md.toString();
    }

    private static String mark(String text, boolean right) {
        return right ? text : "**" + text + "** ✗";
    }

    private long count(Predicate<VoiceResult> p) {
        return results.stream().filter(p).count();
    }

    private static String row(String what, long k, int n) {
        return String.format(Locale.ROOT, "| %s | %d/%d (%.0f %%) |%n", what, k, n, n == 0 ? 0.0 : 100.0 * k / n);
    }

    private static void stage(
            StringBuilder md, List<VoiceResult> rs, String what, Function<VoiceResult, Double> f, double meanTotal) {
        List<Double> v = new ArrayList<>(
                rs.stream().map(f).filter(Objects::nonNull).sorted().toList());
        if (v.isEmpty()) {
            md.append("| ")
                    .append(what)
                    .append(" | n/a | n/a |")
                    .append(Double.isNaN(meanTotal) ? "" : " |")
                    .append('\n');
            return;
        }
        String share = Double.isNaN(meanTotal)
                ? ""
                : String.format(
                        Locale.ROOT,
                        " %.0f %% |",
                        100 * v.stream().mapToDouble(d -> d).average().orElse(0) / meanTotal);
        md.append(String.format(
                Locale.ROOT, "| %s | %s | %s |%s%n", what, ms(percentile(v, 50)), ms(percentile(v, 90)), share));
    }

    /** Nearest rank. */
    static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double mean(List<VoiceResult> rs, Function<VoiceResult, Double> f) {
        return rs.stream()
                .map(f)
                .filter(Objects::nonNull)
                .mapToDouble(d -> d)
                .average()
                .orElse(Double.NaN);
    }

    private static Double diff(Double a, Double b) {
        return a == null || b == null ? null : a - b;
    }

    private static String ms(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.0f", v);
    }
}
