package dev.chorus.broker;

import dev.chorus.protocol.TopicFilters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The broker's access-control list: what each principal may publish and subscribe to.
 *
 * <p>File format, one rule per line: {@code <principal> <pub|sub|pubsub> <topic filter>}.
 * {@code #} starts a comment. Principal {@code *} applies to every authenticated principal, and
 * {@code {principal}} inside a filter stands for the client's own user name. Rules only allow;
 * everything not allowed is denied. A shared subscription is judged by its topic filter, so a
 * rule names topics, never {@code $share/<group>/}.
 */
public final class Acl {

    /** What a rule allows. */
    enum Access {
        PUB,
        SUB,
        PUBSUB
    }

    record Rule(String principal, Access access, String filter, int line) {

        boolean appliesTo(final String who) {
            return principal.equals("*") || principal.equals(who);
        }

        String filterFor(final String who) {
            return filter.replace("{principal}", who);
        }
    }

    private final List<Rule> rules;
    // Rules never change after loading, so a decision once made holds for the broker's lifetime.
    private final DecisionCache publishDecisions = new DecisionCache(this::judgePublish);
    private final DecisionCache subscribeDecisions = new DecisionCache(this::judgeSubscribe);

    private Acl(final List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static Acl load(final Path file) {
        final List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ACL file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static Acl parse(final String source, final List<String> lines) {
        final List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            final String text = lines.get(i).trim();
            // '#' is also the multi-level wildcard, so a comment is a line starting with '#' or
            // anything after the third field that starts with '#'.
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            final String where = source + ":" + (i + 1) + ": ";
            final String[] parts = text.split("\\s+");
            if (parts.length < 3 || (parts.length > 3 && !parts[3].startsWith("#"))) {
                throw new IllegalArgumentException(
                        where + "expected '<principal> <pub|sub|pubsub> <topic filter>', got: " + text);
            }
            final Access access;
            try {
                access = Access.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "access must be pub, sub or pubsub, got: " + parts[1], e);
            }
            if (parts[0].startsWith(AssignedClientIds.PREFIX)) {
                // Its reserved client ids would lie in the broker's namespace for assigned ids,
                // where sessions end with the connection (AssignedClientIds).
                throw new IllegalArgumentException(where + "a principal name must not start with '"
                        + AssignedClientIds.PREFIX + "' (the broker assigns client ids with it): " + parts[0]);
            }
            if (parts[2].startsWith("$share/")) {
                throw new IllegalArgumentException(where + "write the topic filter without '$share/<group>/'"
                        + " (a shared subscription is judged by its topic filter): " + parts[2]);
            }
            final Optional<String> problem = TopicFilters.problemWith(parts[2]);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(where + problem.get());
            }
            rules.add(new Rule(parts[0], access, parts[2], i + 1));
        }
        return new Acl(rules);
    }

    public boolean mayPublish(final String principal, final String topic) {
        return publishDecisions.test(principal, topic);
    }

    public boolean maySubscribe(final String principal, final String filter) {
        return subscribeDecisions.test(principal, filter);
    }

    /** Decisions remembered for a principal (publish and subscribe), for tests. */
    int cachedDecisions(final String principal) {
        return publishDecisions.size(principal) + subscribeDecisions.size(principal);
    }

    private boolean judgePublish(final String principal, final String topic) {
        for (final Rule rule : rules) {
            if (rule.access() != Access.SUB
                    && rule.appliesTo(principal)
                    && TopicFilters.matches(rule.filterFor(principal), topic)) {
                return true;
            }
        }
        return false;
    }

    private boolean judgeSubscribe(final String principal, final String filter) {
        for (final Rule rule : rules) {
            // covers() judges a $share/<group>/ filter by its topic filter
            if (rule.access() != Access.PUB
                    && rule.appliesTo(principal)
                    && TopicFilters.covers(rule.filterFor(principal), filter)) {
                return true;
            }
        }
        return false;
    }

    /** Principals named explicitly in the file (not {@code *}): their client ids are reserved. */
    public Set<String> principals() {
        final Set<String> names = new LinkedHashSet<>();
        for (final Rule rule : rules) {
            if (!rule.principal().equals("*")) {
                names.add(rule.principal());
            }
        }
        return names;
    }
}
