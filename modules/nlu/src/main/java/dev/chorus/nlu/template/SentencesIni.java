package dev.chorus.nlu.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a sentences.ini as Rhasspy reads it (Python configparser with {@code delimiters=["="]},
 * {@code allow_no_value}, case-sensitive keys): {@code [Intent]} sections; a line {@code name = body} is a rule of
 * the intent, any other line a sentence; lines starting with {@code #} or {@code ;} are comments; {@code \[} at the
 * start of a sentence stands for {@code [}. Indented continuation lines are not supported (refused).
 */
final class SentencesIni {

    /** A line of a template file. */
    record Line(String file, int number, String text) {

        TemplateException error(String reason) {
            return new TemplateException(new TemplateError(file, number, reason));
        }
    }

    /** One {@code [Intent]} section: its sentences and its rules, in file order. */
    record Section(String intent, Line header, List<Line> sentences, Map<String, Line> rules) {}

    private SentencesIni() {}

    static List<Section> read(String file, String content) throws TemplateException {
        List<Section> sections = new ArrayList<>();
        Map<String, Section> byName = new LinkedHashMap<>();
        Section current = null;
        String[] lines = content.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            Line line = new Line(file, i + 1, lines[i]);
            String raw = lines[i];
            String text = raw.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[")) {
                if (!text.endsWith("]")) {
                    throw line.error("a line starting with '[' is a section header and must end with ']'"
                            + " (write \\[ to start a sentence with an optional)");
                }
                String name = text.substring(1, text.length() - 1).strip();
                if (name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
                    throw line.error("bad intent name [" + name + "] (not empty, no / + #)");
                }
                current = byName.get(name);
                if (current == null) {
                    // configparser (strict=False) merges a repeated section into the first one
                    current = new Section(name, line, new ArrayList<>(), new LinkedHashMap<>());
                    byName.put(name, current);
                    sections.add(current);
                }
                continue;
            }
            if (current == null) {
                throw line.error("a sentence before the first [Intent] section");
            }
            if (Character.isWhitespace(raw.charAt(0))) {
                throw line.error("indented line: configparser would join it to the line above; remove the indent");
            }
            String unescaped = text.replace("\\[", "[");
            int eq = unescaped.indexOf('=');
            if (eq >= 0) {
                String name = unescaped.substring(0, eq).strip();
                if (name.isEmpty() || !name.matches("[^\\s<>()\\[\\]{}|$.]+")) {
                    throw line.error("bad rule name '" + name + "' before '=' (a sentence cannot contain '=')");
                }
                current.rules()
                        .put(
                                name,
                                new Line(
                                        file, i + 1, unescaped.substring(eq + 1).strip()));
            } else {
                current.sentences().add(new Line(file, i + 1, unescaped));
            }
        }
        return sections;
    }
}
