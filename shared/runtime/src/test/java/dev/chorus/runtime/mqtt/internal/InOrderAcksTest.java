package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InOrderAcksTest {

    private final List<Integer> sent = new ArrayList<>();
    private final InOrderAcks acks = new InOrderAcks((epoch, id, qos) -> sent.add(id));

    @Test
    void aLaterMessageWaitsForTheEarlierOnes() {
        InOrderAcks.Pending one = acks.arrived(1, 1);
        InOrderAcks.Pending two = acks.arrived(2, 1);
        InOrderAcks.Pending three = acks.arrived(3, 1);
        three.release();
        two.release();
        assertThat(sent).isEmpty();
        assertThat(acks.waiting()).isEqualTo(3);
        one.release();
        assertThat(sent).containsExactly(1, 2, 3);
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void releasingTwiceSendsOnce() {
        InOrderAcks.Pending one = acks.arrived(7, 1);
        one.release();
        one.release();
        assertThat(sent).containsExactly(7);
    }

    @Test
    void aLostConnectionDropsWhatIsPendingAndItsLateReleases() {
        InOrderAcks.Pending old = acks.arrived(1, 1);
        InOrderAcks.Pending oldDone = acks.arrived(2, 1);
        oldDone.release();
        acks.reset();
        old.release();
        InOrderAcks.Pending fresh = acks.arrived(1, 1);
        fresh.release();
        assertThat(sent).containsExactly(1);
        assertThat(acks.waiting()).isZero();
    }

    @Test
    void sharesReleaseTheAckWhenEveryHandlerIsDone() {
        List<String> acked = new ArrayList<>();
        Runnable[] shares = CurrentAck.shares(() -> acked.add("ack"), 2);
        shares[0].run();
        shares[0].run();
        assertThat(acked).isEmpty();
        shares[1].run();
        assertThat(acked).containsExactly("ack");
        CurrentAck.shares(() -> acked.add("none"), 0);
        assertThat(acked).containsExactly("ack", "none");
    }

    @Test
    void aHandlerReleasesItsShareEarly() {
        List<String> events = new ArrayList<>();
        Runnable[] shares = CurrentAck.shares(() -> events.add("ack"), 1);
        CurrentAck.run(shares[0], () -> {
            events.add("start");
            assertThat(CurrentAck.release()).isTrue();
            events.add("end");
        });
        assertThat(events).containsExactly("start", "ack", "end");
        assertThat(CurrentAck.release()).as("outside a handler").isFalse();
    }
}
