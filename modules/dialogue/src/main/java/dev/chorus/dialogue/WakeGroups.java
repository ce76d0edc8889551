package dev.chorus.dialogue;

import dev.chorus.protocol.env.EnvReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Groups of sites that hear each other ({@code CHORUS_DIALOGUE_WAKE_GROUPS}, e.g.
 * {@code kitchen+livingroom;bedroom+hall}): one wake word said in a group is detected by several of its sites,
 * and only one of them may answer. A site is in one group at most.
 */
public record WakeGroups(List<Set<String>> groups) {

    /** No groups: every detection starts a session at once, as in Rhasspy. */
    public static final WakeGroups NONE = new WakeGroups(List.of());

    public WakeGroups {
        groups = groups.stream().map(Set::copyOf).toList();
    }

    /**
     * Groups separated by {@code ;}, the sites of a group joined by {@code +}; blanks around names are ignored.
     *
     * @throws dev.chorus.protocol.env.ConfigException for an empty or one-site group, a site that cannot be a
     *     topic level, or a site named in two groups
     */
    public static WakeGroups parse(String variable, String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String expected = "groups of sites that hear each other: sites joined by +, groups separated by ;"
                + " (example: kitchen+livingroom;bedroom+hall)";
        List<Set<String>> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String group : value.split(";", -1)) {
            Set<String> sites = new LinkedHashSet<>();
            for (String site : group.split("\\+", -1)) {
                String s = site.strip();
                if (s.isEmpty() || s.chars().anyMatch(c -> c == '/' || c == '#' || Character.isWhitespace(c))) {
                    throw EnvReader.invalid(
                            variable,
                            value,
                            expected + "; \"" + group.strip() + "\" has an empty" + " site or one with / # or blanks");
                }
                if (!seen.add(s)) {
                    throw EnvReader.invalid(variable, value, expected + "; site " + s + " is named twice");
                }
                sites.add(s);
            }
            if (sites.size() < 2) {
                throw EnvReader.invalid(
                        variable, value, expected + "; \"" + group.strip() + "\" is a group of one site");
            }
            groups.add(sites);
        }
        return new WakeGroups(groups);
    }

    /** The group of {@code siteId}, if it is in one. */
    public Optional<Set<String>> groupOf(String siteId) {
        return groups.stream().filter(g -> g.contains(siteId)).findFirst();
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    @Override
    public String toString() {
        return isEmpty()
                ? "none"
                : String.join(";", groups.stream().map(g -> String.join("+", g)).toList());
    }
}
