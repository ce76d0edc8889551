package dev.chorus.broker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Remembers yes/no answers per principal and topic. The ACL is judged on every PUBLISH; matching
 * it rule by rule split every filter and topic into new strings (about a tenth of the broker's
 * allocation and CPU under load, JFR in docs/performance.md), while a module publishes to a
 * handful of topics over and over. A principal's answers are forgotten all at once when they
 * exceed {@link #MAX_PER_PRINCIPAL} (topics with request ids never repeat), so memory stays bounded.
 */
final class DecisionCache {

    static final int MAX_PER_PRINCIPAL = 4096;

    private final BiPredicate<String, String> judge;
    private final Map<String, Map<String, Boolean>> byPrincipal = new ConcurrentHashMap<>();

    DecisionCache(final BiPredicate<String, String> judge) {
        this.judge = judge;
    }

    boolean test(final String principal, final String topic) {
        final Map<String, Boolean> answers = byPrincipal.computeIfAbsent(principal, p -> new ConcurrentHashMap<>());
        final Boolean known = answers.get(topic);
        if (known != null) {
            return known;
        }
        final boolean answer = judge.test(principal, topic);
        if (answers.size() >= MAX_PER_PRINCIPAL) {
            answers.clear();
        }
        answers.put(topic, answer);
        return answer;
    }

    /** Answers held for a principal, for tests. */
    int size(final String principal) {
        final Map<String, Boolean> answers = byPrincipal.get(principal);
        return answers == null ? 0 : answers.size();
    }
}
