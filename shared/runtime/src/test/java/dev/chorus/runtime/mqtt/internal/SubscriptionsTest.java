package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.client.Backoff;
import dev.chorus.client.SerialExecutor;
import dev.chorus.runtime.mqtt.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Test
    void subscriptionIdsDependOnlyOnTheFilter() {
        Subscriptions a = new Subscriptions();
        Subscriptions b = new Subscriptions();
        a.add("x/#", 1, handler("a1"));
        a.add("y/+", 1, handler("a2"));
        b.add("y/+", 1, handler("b2"));
        b.add("x/#", 1, handler("b1"));
        assertThat(ids(a)).containsExactlyInAnyOrderElementsOf(ids(b));
        assertThat(ids(a)).allSatisfy(id -> assertThat(id).isBetween(1, Subscriptions.MAX_SUBSCRIPTION_ID));
    }

    @Test
    void oneSubscriptionPerFilterHigherQosResubscribes() {
        Subscriptions s = new Subscriptions();
        assertThat(s.add("x/#", 0, handler("1"))).isNotNull();
        assertThat(s.add("x/#", 0, handler("2"))).isNull();
        assertThat(s.add("x/#", 1, handler("3")))
                .isNotNull()
                .satisfies(g -> assertThat(g.qos).isEqualTo(1));
        assertThat(s.groups()).hasSize(1);
    }

    @Test
    void subscriptionIdsPickTheGroupOtherwiseTopicMatching() {
        Subscriptions s = new Subscriptions();
        Subscriptions.Group all = s.add("e/#", 1, handler("all"));
        Subscriptions.Group one = s.add("e/1", 1, handler("one"));
        assertThat(s.dispatch(InboundMessage.of("e/1", new byte[0]), List.of(one.subscriptionId)))
                .isTrue();
        assertThat(calls).containsExactly("one");
        calls.clear();
        s.dispatch(InboundMessage.of("e/1", new byte[0]), List.of(all.subscriptionId));
        assertThat(calls).containsExactly("all");
        calls.clear();
        s.dispatch(InboundMessage.of("e/1", new byte[0]), List.of());
        assertThat(calls).containsExactlyInAnyOrder("all", "one");
        calls.clear();
        // an id that does not fit the topic (e.g. from an older version of the module) is not trusted
        s.dispatch(InboundMessage.of("e/2", new byte[0]), List.of(one.subscriptionId));
        assertThat(calls).containsExactly("all");
        assertThat(s.dispatch(InboundMessage.of("f/1", new byte[0]), List.of())).isFalse();
    }

    @Test
    void badFiltersAreRefused() {
        Subscriptions s = new Subscriptions();
        assertThatThrownBy(() -> s.add("a/#/b", 1, handler("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.add("a", 3, handler("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        Backoff b = new Backoff(java.time.Duration.ofSeconds(5));
        long first = b.nextDelayMillis();
        long second = b.nextDelayMillis();
        for (int i = 0; i < 4; i++) {
            b.nextDelayMillis(); // 1, 2, 4, 5 s
        }
        long capped = b.nextDelayMillis();
        assertThat(first).isBetween(200L, 250L);
        assertThat(second).isBetween(400L, 500L);
        assertThat(capped).isBetween(4000L, 5000L);
        b.reset();
        assertThat(b.nextDelayMillis()).isBetween(200L, 250L);
    }

    private List<Integer> ids(Subscriptions s) {
        return s.groups().stream().map(g -> g.subscriptionId).toList();
    }

    private Subscriptions.Handler handler(String name) {
        return new Subscriptions.Handler(name, m -> calls.add(name), new SerialExecutor(Runnable::run));
    }
}
