package dev.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublishWindowTest {

    private final List<String> sent = new ArrayList<>();
    private final Deque<PublishWindow.Outcome> outcomes = new ArrayDeque<>();
    private int retries;

    private final PublishWindow<String> window = new PublishWindow<>(
            2,
            item -> {
                final PublishWindow.Outcome outcome = outcomes.isEmpty() ? PublishWindow.Outcome.SENT : outcomes.poll();
                if (outcome != PublishWindow.Outcome.WINDOW_FULL) {
                    sent.add(item);
                }
                return outcome;
            },
            () -> retries++);

    @Test
    void sendsUpToTheLimitThenOneMorePerCompletionInOrder() {
        window.submit("a");
        window.submit("b");
        window.submit("c");
        window.submit("d");
        assertThat(sent).containsExactly("a", "b");
        assertThat(window.waiting()).isEqualTo(2);

        window.completed();
        assertThat(sent).containsExactly("a", "b", "c");
        window.completed();
        window.completed();
        assertThat(sent).containsExactly("a", "b", "c", "d");
        assertThat(window.inFlight()).isEqualTo(1);
    }

    @Test
    void pahoWindowFullKeepsTheMessageAtTheHeadUntilTheNextCompletion() {
        window.submit("a");
        outcomes.add(PublishWindow.Outcome.WINDOW_FULL);
        window.submit("b");
        assertThat(sent).containsExactly("a");
        assertThat(window.waiting()).isEqualTo(1);
        assertThat(retries)
                .as("the completion of 'a' will come: no timed retry")
                .isZero();

        window.completed();
        window.submit("c");
        assertThat(sent).containsExactly("a", "b", "c");
    }

    @Test
    void pahoWindowFullWithNothingOfOursInFlightAsksForARetry() {
        outcomes.add(PublishWindow.Outcome.WINDOW_FULL);
        window.submit("a");
        assertThat(sent).isEmpty();
        assertThat(retries).isEqualTo(1);

        window.drain();
        assertThat(sent).containsExactly("a");
    }

    @Test
    void settledMessagesTakeNoSlot() {
        outcomes.add(PublishWindow.Outcome.SETTLED);
        outcomes.add(PublishWindow.Outcome.SETTLED);
        window.submit("a");
        window.submit("b");
        window.submit("c");
        window.submit("d");
        window.submit("e");
        assertThat(sent).containsExactly("a", "b", "c", "d");
        assertThat(window.inFlight()).isEqualTo(2);
        assertThat(window.takeWaiting()).containsExactly("e");
        assertThat(window.waiting()).isZero();
    }
}
