package dev.chorus.tts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian pocketsphinx CLI with its default US English model: Debian 12 ships
 * 0.8+5prealpha ({@code pocketsphinx_continuous -infile x.wav}); pocketsphinx 5 has
 * {@code pocketsphinx single x.wav} (JSON out). Used to measure intelligibility.
 */
final class Pocketsphinx {

    private static final Pattern JSON_TEXT = Pattern.compile("\"t\"\\s*:\\s*\"([^\"]*)\"");
    private final List<String> command;
    private final boolean json;

    private Pocketsphinx(final List<String> command, final boolean json) {
        this.command = command;
        this.json = json;
    }

    /** The installed CLI, if any. */
    static Optional<Pocketsphinx> find() {
        final Optional<Path> continuous = onPath("pocketsphinx_continuous");
        if (continuous.isPresent()) {
            return Optional.of(new Pocketsphinx(List.of(continuous.get().toString()), false));
        }
        return onPath("pocketsphinx").map(p -> new Pocketsphinx(List.of(p.toString(), "single"), true));
    }

    /** The words recognised in a 16-bit mono WAV of the given rate (16000 or 48000). */
    String recognise(final Path wav, final int sampleRate) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>(command);
        if (json) {
            cmd.addAll(List.of("-samprate", String.valueOf(sampleRate)));
            if (sampleRate > 16000) {
                cmd.addAll(List.of("-nfft", "2048"));
            }
            cmd.add(wav.toString());
        } else {
            cmd.addAll(List.of(
                    "-infile",
                    wav.toString(),
                    "-samprate",
                    String.valueOf(sampleRate),
                    "-nfft",
                    sampleRate > 16000 ? "2048" : "512",
                    "-logfn",
                    "/dev/null"));
        }
        final Path out = Files.createTempFile("psphinx", ".txt");
        try {
            final Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("pocketsphinx did not finish: " + cmd);
            }
            final String text = Files.readString(out, StandardCharsets.UTF_8);
            if (!json) {
                return text.strip();
            }
            final StringBuilder words = new StringBuilder();
            final Matcher m = JSON_TEXT.matcher(text);
            while (m.find()) {
                words.append(words.length() > 0 ? " " : "").append(m.group(1));
            }
            return words.toString();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Word error rate summed over pairs: (substitutions + deletions + insertions) / reference words. */
    static double wordErrorRate(final List<String> references, final List<String> hypotheses) {
        int edits = 0;
        int words = 0;
        for (int i = 0; i < references.size(); i++) {
            final String[] ref = words(references.get(i));
            final String[] hyp = words(hypotheses.get(i));
            edits += editDistance(ref, hyp);
            words += ref.length;
        }
        return (double) edits / words;
    }

    static String[] words(final String text) {
        final String clean =
                text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip();
        return clean.isEmpty() ? new String[0] : clean.split("\\s+");
    }

    private static int editDistance(final String[] a, final String[] b) {
        final int[][] d = new int[a.length + 1][b.length + 1];
        for (int i = 0; i <= a.length; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                final int sub = d[i - 1][j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
                d[i][j] = Math.min(sub, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
            }
        }
        return d[a.length][b.length];
    }

    private static Optional<Path> onPath(final String name) {
        final String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (final String dir : path.split(":")) {
            final Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
