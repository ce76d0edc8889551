package dev.chorus.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class VoiceParameterGateTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(10);

    @Test
    void sameParametersShareDifferentOnesWait() throws Exception {
        final VoiceParameterGate gate = new VoiceParameterGate();
        gate.enter("a", LONG);
        gate.enter("a", LONG); // same key: no wait

        final CompletableFuture<Void> b = CompletableFuture.runAsync(() -> enter(gate, "b"));
        await().until(() -> gate.waiting() == 1); // b is queued in the gate, not merely not started yet
        assertThat(b).isNotDone();

        gate.leave();
        assertThat(b).isNotDone();
        gate.leave();
        await().atMost(5, TimeUnit.SECONDS).until(b::isDone);
        assertThat(b).isCompleted();
    }

    @Test
    void aWaiterIsNotStarvedByNewcomersWithTheRunningKey() throws Exception {
        final VoiceParameterGate gate = new VoiceParameterGate();
        gate.enter("a", LONG);
        final CompletableFuture<Void> b = CompletableFuture.runAsync(() -> enter(gate, "b"));
        await().until(() -> gate.waiting() == 1); // b waits in the gate before the newcomer arrives
        final CompletableFuture<Void> a2 = CompletableFuture.runAsync(() -> enter(gate, "a"));
        await().until(() -> gate.waiting() == 2); // the newcomer with the running key queued behind b
        assertThat(a2).isNotDone();
        assertThat(b).isNotDone();

        gate.leave();
        await().until(() -> b.isDone() || a2.isDone());
    }

    @Test
    void waitingTimesOut() throws Exception {
        final VoiceParameterGate gate = new VoiceParameterGate();
        gate.enter("a", LONG);
        assertThatThrownBy(() -> gate.enter("b", TimeUnit.MILLISECONDS.toNanos(50)))
                .isInstanceOf(TimeoutException.class);
        gate.leave();
        gate.enter("b", LONG);
    }

    private static void enter(final VoiceParameterGate gate, final String key) {
        try {
            gate.enter(key, LONG);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
