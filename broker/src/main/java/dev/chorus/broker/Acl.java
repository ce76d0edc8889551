package dev.chorus.broker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.json.JsonCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker's access-control list: what each principal may publish and subscribe to.
 *
 * <p>File format, one rule per line: {@code <principal> <pub|sub|pubsub> <topic filter>}.
 * {@code #} starts a comment. Principal {@code *} applies to every authenticated principal, and
 * {@code {principal}} inside a filter stands for the client's own user name. Rules only allow;
 * everything not allowed is denied. A shared subscription is judged by its topic filter, so a
 * rule names topics, never {@code $share/<group>/}.
 *
 * <p>Satellites: a principal containing {@code {site}} (e.g. {@code satellite-{site}}) is a family
 * of principals, one per site; {@code satellite-kitchen} is confined to site {@code kitchen}, which
 * {@code {site}} stands for in its filters. A site here is 1-64 of {@code [A-Za-z0-9_]} (no
 * {@code -}, so a client id {@code satellite-kitchen-audio} has exactly one owner). Messages that
 * carry the site only in their JSON payload get a fourth field ({@link SiteInPayload}): Hermes
 * messages {@code siteId={site}}, allowed only when the payload is a JSON object whose {@code siteId}
 * is the principal's site; {@code chorus/tts/say} {@code siteIds={site}}, allowed only when its
 * {@code siteIds} is a non-empty array of the principal's site and nothing else.
 */
public final class Acl {

    /** What a rule allows. */
    enum Access {
        PUB,
        SUB,
        PUBSUB
    }

    /** The placeholder that makes a principal a family, one per site. */
    static final String SITE = "{site}";

    /**
     * The fourth field of a rule whose messages must name the principal's site in their JSON payload, and no
     * other site: where the payload names its sites.
     */
    enum SiteInPayload {
        /** {@code siteId={site}}: a Hermes message's one site, the string {@code siteId}. */
        SITE_ID("siteId"),
        /** {@code siteIds={site}}: the sites of a Chorus {@code chorus/tts/say}, the array {@code siteIds}. */
        SITE_IDS("siteIds");

        private final String key;

        SiteInPayload(final String key) {
            this.key = key;
        }

        /** How a rule writes it: {@code siteId={site}}. */
        String field() {
            return key + "=" + SITE;
        }

        static Optional<SiteInPayload> of(final String field) {
            return Arrays.stream(values()).filter(p -> p.field().equals(field)).findFirst();
        }

        /**
         * What the payload names as its sites: {@code siteId}'s value as it is (not a string: no site), or
         * {@code siteIds}' entries (not an array: none).
         */
        private List<JsonNode> sitesNamedBy(final JsonNode object) {
            final JsonNode value = object.get(key);
            if (value == null) {
                return List.of();
            }
            if (this == SITE_ID) {
                return List.of(value);
            }
            final List<JsonNode> entries = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(entries::add);
            }
            return entries;
        }
    }

    private static final String SITE_CHARS = "[A-Za-z0-9_]{1,64}";
    /** A JSON payload larger than this is not parsed for its sites (and refused: Hermes JSON messages are small). */
    static final int MAX_SITE_CHECKED_PAYLOAD = 64 * 1024;

    private static final JsonCodec JSON = JsonCodec.standalone();

    /** @param siteInPayload where its messages name the principal's site, or null: no payload check */
    record Rule(String principal, Access access, String filter, SiteInPayload siteInPayload, int line) {

        /** The rule's filter as it applies to {@code who}, or null when the rule is not for {@code who}. */
        String filterFor(final String who) {
            if (principal.equals("*") || (principal.equals(who) && !principal.contains(SITE))) {
                return filter.replace("{principal}", who);
            }
            final String site = siteOf(principal, who);
            return site == null ? null : filter.replace("{principal}", who).replace(SITE, site);
        }
    }

    /** The site {@code who} stands for in a principal family like {@code satellite-{site}}, or null. */
    static String siteOf(final String family, final String who) {
        final int at = family.indexOf(SITE);
        if (at < 0) {
            return null;
        }
        final String prefix = family.substring(0, at);
        final String suffix = family.substring(at + SITE.length());
        if (!who.startsWith(prefix) || !who.endsWith(suffix) || who.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        final String site = who.substring(prefix.length(), who.length() - suffix.length());
        return site.matches(SITE_CHARS) ? site : null;
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
            final SiteInPayload siteInPayload =
                    parts.length > 3 ? SiteInPayload.of(parts[3]).orElse(null) : null;
            final int fields = siteInPayload != null ? 4 : 3;
            if (parts.length < 3 || (parts.length > fields && !parts[fields].startsWith("#"))) {
                throw new IllegalArgumentException(where
                        + "expected '<principal> <pub|sub|pubsub> <topic filter> ["
                        + SiteInPayload.SITE_ID.field() + "|" + SiteInPayload.SITE_IDS.field() + "]', got: "
                        + text);
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
            final boolean family = parts[0].contains(SITE);
            if (family && (parts[0].indexOf(SITE) != parts[0].lastIndexOf(SITE) || parts[0].equals(SITE))) {
                throw new IllegalArgumentException(
                        where + "a principal family names " + SITE + " once, next to a fixed part: " + parts[0]);
            }
            if (!family && (parts[2].contains(SITE) || siteInPayload != null)) {
                throw new IllegalArgumentException(
                        where + SITE + " is only for principals like satellite-" + SITE + " (one per site): " + text);
            }
            if (siteInPayload != null && access != Access.PUB) {
                throw new IllegalArgumentException(
                        where + siteInPayload.field() + " checks what is published: use pub");
            }
            rules.add(new Rule(parts[0], access, parts[2], siteInPayload, i + 1));
        }
        return new Acl(rules);
    }

    /** Whether {@code principal} may publish to {@code topic} without a payload check (no {@link SiteInPayload} rule). */
    public boolean mayPublish(final String principal, final String topic) {
        return publishDecisions.test(principal, topic);
    }

    /**
     * Whether {@code principal} may publish {@code payload} to {@code topic}. A {@link SiteInPayload} rule
     * allows only a JSON object payload that names the principal's site and no other; null = no payload.
     * The decision without a payload is cached; only what it refuses is judged again with the payload
     * (the satellites' payload-checked topics).
     */
    public boolean mayPublish(final String principal, final String topic, final ByteBuffer payload) {
        return mayPublish(principal, topic) || (payload != null && judgePublish(principal, topic, payload));
    }

    public boolean maySubscribe(final String principal, final String filter) {
        return subscribeDecisions.test(principal, filter);
    }

    /** Decisions remembered for a principal (publish and subscribe), for tests. */
    int cachedDecisions(final String principal) {
        return publishDecisions.size(principal) + subscribeDecisions.size(principal);
    }

    private boolean judgePublish(final String principal, final String topic) {
        return judgePublish(principal, topic, null);
    }

    private boolean judgePublish(final String principal, final String topic, final ByteBuffer payload) {
        for (final Rule rule : rules) {
            if (rule.access() == Access.SUB) {
                continue;
            }
            final String filter = rule.filterFor(principal);
            if (filter != null
                    && TopicFilters.matches(filter, topic)
                    && (rule.siteInPayload() == null
                            || payloadNamesOnlySite(
                                    payload, rule.siteInPayload(), siteOf(rule.principal(), principal)))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The payload is a JSON object that names at least one site where {@code where} says, and every site it
     * names there is the string {@code site}: a payload that cannot be read is refused, like one naming
     * another site.
     */
    private static boolean payloadNamesOnlySite(
            final ByteBuffer payload, final SiteInPayload where, final String site) {
        if (payload == null || payload.remaining() > MAX_SITE_CHECKED_PAYLOAD) {
            return false;
        }
        final byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        final List<JsonNode> named =
                JSON.tryParseObject(bytes).map(where::sitesNamedBy).orElse(List.of());
        return !named.isEmpty()
                && named.stream().allMatch(n -> n.isTextual() && n.asText().equals(site));
    }

    private boolean judgeSubscribe(final String principal, final String filter) {
        for (final Rule rule : rules) {
            // covers() judges a $share/<group>/ filter by its topic filter
            if (rule.access() == Access.PUB) {
                continue;
            }
            final String allowed = rule.filterFor(principal);
            if (allowed != null && TopicFilters.covers(allowed, filter)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Who a client id belongs to: a principal named in the file when the id is that name or starts with
     * {@code <name>-}; for a family like {@code satellite-{site}}, the member whose name the id is or starts
     * with followed by {@code -} ({@code satellite-kitchen-audio} belongs to {@code satellite-kitchen}).
     * Null: nobody's, any principal may use it.
     */
    public String ownerOfClientId(final String clientId) {
        for (final String principal : principals()) {
            if (clientId.equals(principal) || clientId.startsWith(principal + "-")) {
                return principal;
            }
        }
        for (final String family : families()) {
            final String prefix = family.substring(0, family.indexOf(SITE));
            final String suffix = family.substring(family.indexOf(SITE) + SITE.length());
            final Matcher m = Pattern.compile(
                            Pattern.quote(prefix) + "(" + SITE_CHARS + ")" + Pattern.quote(suffix) + "(-.*)?")
                    .matcher(clientId);
            if (m.matches()) {
                return prefix + m.group(1) + suffix;
            }
        }
        return null;
    }

    private Set<String> families() {
        final Set<String> names = new LinkedHashSet<>();
        for (final Rule rule : rules) {
            if (rule.principal().contains(SITE)) {
                names.add(rule.principal());
            }
        }
        return names;
    }

    /** Principals named explicitly in the file (not {@code *}, not a family): their client ids are reserved. */
    public Set<String> principals() {
        final Set<String> names = new LinkedHashSet<>();
        for (final Rule rule : rules) {
            if (!rule.principal().equals("*") && !rule.principal().contains(SITE)) {
                names.add(rule.principal());
            }
        }
        return names;
    }
}
