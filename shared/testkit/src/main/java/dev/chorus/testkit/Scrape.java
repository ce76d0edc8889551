package dev.chorus.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A Prometheus text exposition (what {@code /prometheus} answers), for assertions on the samples in it:
 * {@code Scrape.of(text).value("chorus_mqtt_messages_in_total", "family", "hermes/tts/say")}.
 */
public final class Scrape {

    /** One sample line: metric name, its labels as written ({@code a="x",b="y"}), value. */
    public record Sample(String name, String labels, double value) {

        /** Has label {@code key} with exactly {@code value}. */
        public boolean has(String key, String value) {
            String wanted = key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            int at = labels.indexOf(wanted);
            return at >= 0 && (at == 0 || labels.charAt(at - 1) == ',');
        }
    }

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    public static Scrape of(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            String labels = "";
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, line.lastIndexOf('}'));
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String value = line.substring(line.indexOf(' ', brace >= 0 ? line.lastIndexOf('}') : 0) + 1)
                    .strip()
                    .split(" ")[0];
            samples.add(new Sample(name, labels, parse(value)));
        }
        return new Scrape(text, List.copyOf(samples));
    }

    public String text() {
        return text;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The first sample named {@code name} that has every label of {@code labelPairs} (key, value, key, ...). */
    public Optional<Sample> sample(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label keys and values come in pairs");
        }
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> {
                    for (int i = 0; i < labelPairs.length; i += 2) {
                        if (!s.has(labelPairs[i], labelPairs[i + 1])) {
                            return false;
                        }
                    }
                    return true;
                })
                .findFirst();
    }

    /** The value of {@link #sample}, or empty when there is no such sample. */
    public OptionalDouble value(String name, String... labelPairs) {
        return sample(name, labelPairs).map(s -> OptionalDouble.of(s.value())).orElse(OptionalDouble.empty());
    }

    /** Whether any sample's name starts with {@code prefix} (a family such as {@code jvm_gc_}). */
    public boolean hasFamily(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
