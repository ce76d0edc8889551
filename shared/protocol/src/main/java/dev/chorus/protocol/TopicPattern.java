package dev.chorus.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A topic with variable levels written as {@code {name}}, e.g.
 * {@code hermes/audioServer/{siteId}/playBytes/{requestId}}. A variable always fills one whole level.
 */
public final class TopicPattern {

    private final String pattern;
    private final String[] levels;
    private final List<String> variables;

    private TopicPattern(String pattern) {
        this.pattern = pattern;
        this.levels = pattern.split("/", -1);
        List<String> names = new ArrayList<>();
        for (String level : levels) {
            if (isVariable(level)) {
                names.add(level.substring(1, level.length() - 1));
            } else if (level.contains("{") || level.contains("}") || level.contains("+") || level.contains("#")) {
                throw new IllegalArgumentException("bad topic pattern level '" + level + "' in " + pattern);
            }
        }
        this.variables = List.copyOf(names);
    }

    public static TopicPattern of(String pattern) {
        return new TopicPattern(pattern);
    }

    /** The pattern as written in the catalog and in docs/topics.md. */
    public String pattern() {
        return pattern;
    }

    public List<String> variables() {
        return variables;
    }

    /**
     * Fills the variables in order.
     *
     * @throws IllegalArgumentException if a value is missing, empty or not a single topic level
     */
    public String format(String... values) {
        if (values.length != variables.size()) {
            throw new IllegalArgumentException(
                    pattern + " takes " + variables.size() + " values, got " + values.length);
        }
        StringBuilder topic = new StringBuilder(pattern.length() + 32);
        int next = 0;
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                topic.append('/');
            }
            if (isVariable(levels[i])) {
                topic.append(checkLevel(variables.get(next), values[next]));
                next++;
            } else {
                topic.append(levels[i]);
            }
        }
        return topic.toString();
    }

    /** The subscription filter: every variable level becomes {@code +}. */
    public String filter() {
        StringBuilder filter = new StringBuilder(pattern.length());
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                filter.append('/');
            }
            filter.append(isVariable(levels[i]) ? "+" : levels[i]);
        }
        return filter.toString();
    }

    /**
     * The subscription filter for one value of one variable, the other variables {@code +}: what a module
     * serving a single site subscribes to (a satellite's broker principal may subscribe to nothing wider).
     *
     * @throws IllegalArgumentException if there is no such variable or the value is not a single topic level
     */
    public String filter(String variable, String value) {
        if (!variables.contains(variable)) {
            throw new IllegalArgumentException(pattern + " has no variable " + variable);
        }
        StringBuilder filter = new StringBuilder(pattern.length() + value.length());
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                filter.append('/');
            }
            if (levels[i].equals("{" + variable + "}")) {
                filter.append(checkLevel(variable, value));
            } else {
                filter.append(isVariable(levels[i]) ? "+" : levels[i]);
            }
        }
        return filter.toString();
    }

    /** The variable values of a concrete topic, in pattern order, or empty if the topic does not fit. */
    public Optional<Map<String, String>> match(String topic) {
        String[] actual = topic.split("/", -1);
        if (actual.length != levels.length) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < levels.length; i++) {
            if (isVariable(levels[i])) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                values.put(levels[i].substring(1, levels[i].length() - 1), actual[i]);
            } else if (!levels[i].equals(actual[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    public boolean matches(String topic) {
        return match(topic).isPresent();
    }

    /** One variable of a concrete topic, e.g. {@code PLAY_BYTES.extract(topic, "requestId")}. */
    public Optional<String> extract(String topic, String variable) {
        if (!variables.contains(variable)) {
            throw new IllegalArgumentException(pattern + " has no variable " + variable);
        }
        return match(topic).map(values -> values.get(variable));
    }

    @Override
    public String toString() {
        return pattern;
    }

    private static boolean isVariable(String level) {
        return level.length() > 2 && level.startsWith("{") && level.endsWith("}");
    }

    private String checkLevel(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(pattern + ": {" + name + "} must not be empty");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('+') >= 0 || value.indexOf('#') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    pattern + ": {" + name + "} must be one topic level without / + #: \"" + value + "\"");
        }
        return value;
    }
}
