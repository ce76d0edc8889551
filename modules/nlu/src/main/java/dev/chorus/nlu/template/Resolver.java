package dev.chorus.nlu.template;

import dev.chorus.nlu.template.Expr.Alt;
import dev.chorus.nlu.template.Expr.Conv;
import dev.chorus.nlu.template.Expr.Range;
import dev.chorus.nlu.template.Expr.RuleRef;
import dev.chorus.nlu.template.Expr.Seq;
import dev.chorus.nlu.template.Expr.SlotRef;
import dev.chorus.nlu.template.Expr.Sub;
import dev.chorus.nlu.template.Expr.Tagged;
import dev.chorus.nlu.template.Expr.Word;
import dev.chorus.nlu.template.SentencesIni.Line;
import dev.chorus.nlu.template.SentencesIni.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces rule references, slot lists and number ranges by what they stand for, so that an intent is one
 * expression of words. Every problem is reported with the file and line it comes from.
 */
final class Resolver {

    static final String SLOTS_DIR = "slots/";

    private static final Map<String, List<String>> BUILT_IN_SLOTS = Map.of(
            "rhasspy/days",
            List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
            "rhasspy/months",
            List.of(
                    "january",
                    "february",
                    "march",
                    "april",
                    "may",
                    "june",
                    "july",
                    "august",
                    "september",
                    "october",
                    "november",
                    "december"));

    private final Map<String, Section> sections = new HashMap<>();
    private final Map<String, String> files;
    private final Map<String, Expr> resolvedRules = new HashMap<>();
    private final Map<String, Expr> resolvedSlots = new HashMap<>();
    private final Set<String> inProgress = new LinkedHashSet<>();

    Resolver(List<Section> sections, Map<String, String> files) {
        for (Section s : sections) {
            this.sections.put(s.intent(), s);
        }
        this.files = files;
    }

    /** Every sentence of the intent, as one alternative. */
    Expr intent(Section section) throws TemplateException {
        List<Expr> sentences = new ArrayList<>();
        for (Line line : section.sentences()) {
            sentences.add(resolve(parse(line), section.intent(), line));
        }
        return new Alt(sentences);
    }

    private static Expr parse(Line line) throws TemplateException {
        try {
            return ExpressionParser.parse(line.text());
        } catch (SyntaxException e) {
            throw line.error(e.getMessage());
        }
    }

    private Expr resolve(Expr e, String intent, Line where) throws TemplateException {
        if (e instanceof Word) {
            return e;
        }
        if (e instanceof Seq s) {
            List<Expr> items = new ArrayList<>();
            for (Expr item : s.items()) {
                items.add(resolve(item, intent, where));
            }
            return new Seq(items);
        }
        if (e instanceof Alt a) {
            List<Expr> options = new ArrayList<>();
            for (Expr option : a.options()) {
                options.add(resolve(option, intent, where));
            }
            return new Alt(options);
        }
        if (e instanceof Sub s) {
            return new Sub(resolve(s.inner(), intent, where), s.output());
        }
        if (e instanceof Conv c) {
            return new Conv(resolve(c.inner(), intent, where), c.converters());
        }
        if (e instanceof Tagged t) {
            String entity = slotName(t.inner()).orElse(t.name());
            return new Tagged(resolve(t.inner(), intent, where), t.name(), entity);
        }
        if (e instanceof RuleRef r) {
            return rule(r, intent, where);
        }
        if (e instanceof SlotRef s) {
            return slot(s.name(), where);
        }
        if (e instanceof Range r) {
            List<Expr> numbers = new ArrayList<>();
            for (long n = r.lo(); n <= r.hi(); n += r.step()) {
                numbers.add(((Conv) ExpressionParser.number(Long.toString(n))).inner());
            }
            return new Conv(new Alt(numbers), List.of("int"));
        }
        throw new IllegalStateException("unknown expression " + e);
    }

    /** The slot list a tag is directly on ({@code $rooms{room}} or {@code ($rooms){room}}), for the entity name. */
    private static java.util.Optional<String> slotName(Expr e) {
        Expr x = e;
        while (true) {
            if (x instanceof SlotRef s) {
                return java.util.Optional.of(s.name());
            }
            if (x instanceof Seq s && s.items().size() == 1) {
                x = s.items().get(0);
            } else if (x instanceof Alt a && a.options().size() == 1) {
                x = a.options().get(0);
            } else if (x instanceof Sub s) {
                x = s.inner();
            } else if (x instanceof Conv c) {
                x = c.inner();
            } else {
                return java.util.Optional.empty();
            }
        }
    }

    private Expr rule(RuleRef ref, String intent, Line where) throws TemplateException {
        String owner = ref.intent() == null ? intent : ref.intent();
        if (owner == null) {
            throw where.error("a slot list can only refer to a rule of an intent: <Intent." + ref.rule() + ">");
        }
        String key = owner + "." + ref.rule();
        Expr done = resolvedRules.get(key);
        if (done != null) {
            return done;
        }
        Section section = sections.get(owner);
        if (section == null) {
            throw where.error("unknown intent in rule reference <" + key + ">");
        }
        Line body = section.rules().get(ref.rule());
        if (body == null) {
            throw where.error("unknown rule <" + (ref.intent() == null ? ref.rule() : key) + "> (no line '" + ref.rule()
                    + " = ...' in [" + owner + "])");
        }
        if (!inProgress.add("rule " + key)) {
            throw where.error("rule <" + key + "> refers to itself (through " + String.join(", ", inProgress) + ")");
        }
        try {
            Expr resolved = resolve(parse(body), owner, body);
            resolvedRules.put(key, resolved);
            return resolved;
        } finally {
            inProgress.remove("rule " + key);
        }
    }

    private Expr slot(String name, Line where) throws TemplateException {
        Expr done = resolvedSlots.get(name);
        if (done != null) {
            return done;
        }
        List<String> builtIn = BUILT_IN_SLOTS.get(name);
        if (builtIn != null) {
            List<Expr> words = new ArrayList<>();
            builtIn.forEach(w -> words.add(new Word(w, null)));
            Expr list = new Alt(words);
            resolvedSlots.put(name, list);
            return list;
        }
        if (name.startsWith("rhasspy/")) {
            throw where.error("unknown built-in slot list $" + name + " (built in: $rhasspy/days, $rhasspy/months;"
                    + " write a number range as lo..hi)");
        }
        String file = SLOTS_DIR + name;
        String content = files.get(file);
        if (content == null) {
            throw where.error("slot list $" + name + " not found (no file " + file + ")");
        }
        if (!inProgress.add("slot $" + name)) {
            throw where.error("slot list $" + name + " refers to itself");
        }
        try {
            List<Expr> options = new ArrayList<>();
            String[] lines = content.split("\r?\n|\r", -1);
            for (int i = 0; i < lines.length; i++) {
                String text = lines[i].strip();
                if (text.isEmpty()) {
                    continue;
                }
                Line line = new Line(file, i + 1, text);
                options.add(resolve(parse(line), null, line));
            }
            if (options.isEmpty()) {
                throw where.error("slot list $" + name + " is empty (" + file + ")");
            }
            Expr list = new Alt(options);
            resolvedSlots.put(name, list);
            return list;
        } finally {
            inProgress.remove("slot $" + name);
        }
    }
}
