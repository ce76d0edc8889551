package dev.chorus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PendingRepliesTest {

    private final PendingReplies<String> replies = new PendingReplies<>();

    @Test
    void aReplyCompletesItsRequestOnce() {
        final CompletableFuture<String> answer = replies.register("id-1", Duration.ofSeconds(30));
        assertThat(replies.complete("id-2", "other")).isFalse();
        assertThat(replies.complete("id-1", "yes")).isTrue();
        assertThat(answer).isCompletedWithValue("yes");
        assertThat(replies.complete("id-1", "again")).isFalse();
        assertThat(replies.size()).isZero();
    }

    @Test
    void noReplyInTimeIsATimeout() {
        final CompletableFuture<String> answer = replies.register("id-1", Duration.ofMillis(1));
        assertThatThrownBy(answer::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(replies.size()).isZero();
    }

    @Test
    void idFromCorrelationDataElseTheLastTopicLevel() {
        assertThat(PendingReplies.idOf("chorus/reply/cli/abc", "xyz".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("xyz");
        assertThat(PendingReplies.idOf("chorus/reply/cli/abc", null)).isEqualTo("abc");
    }
}
