package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SayStoreTest {

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static byte[] wav(int samples) {
        return Wav.write(PcmFormat.mono16(16000), new byte[samples * 2]);
    }

    @Test
    void chunksAreJoinedInOrderOnceTheLastArrives() {
        SayStore store = new SayStore(10, 1 << 20, 60_000, new MutableClock());
        store.add("a", "text", "default", null, null);
        assertThat(store.view("a").orElseThrow().state()).isEqualTo(SayStore.State.queued);
        store.playBytes("default", "a-1", wav(1600));
        store.playBytes("default", "a-0", wav(1600));
        assertThat(store.view("a").orElseThrow().state()).isEqualTo(SayStore.State.speaking);
        assertThat(store.view("a").orElseThrow().audio().state()).isEqualTo(SayStore.AudioState.pending);
        assertThat(store.wav("a")).isEmpty();
        store.playBytes("default", "a", wav(16000));
        SayStore.View v = store.view("a").orElseThrow();
        assertThat(v.audio().state()).isEqualTo(SayStore.AudioState.ready);
        assertThat(v.audio().durationMs()).isEqualTo(1200);
        assertThat(store.wav("a").orElseThrow()).hasSize(44 + (1600 + 1600 + 16000) * 2);
        store.sayFinished("a");
        assertThat(store.view("a").orElseThrow().state()).isEqualTo(SayStore.State.finished);
    }

    @Test
    void aSayOnSeveralSitesIsFinishedWithItsLastSiteAndKeepsTheFirstSitesAudio() {
        SayStore store = new SayStore(10, 1 << 20, 60_000, new MutableClock());
        store.add("m", "text", java.util.List.of("kitchen", "attic"), null, null);
        store.playBytes("attic", "m", wav(10)); // the same audio on another site: not kept twice
        assertThat(store.view("m").orElseThrow().audio().state()).isEqualTo(SayStore.AudioState.pending);
        store.playBytes("kitchen", "m", wav(1600));
        store.sayFinished("m", "kitchen");
        store.sayFinished("m", "hall"); // not one of its sites
        SayStore.View half = store.view("m").orElseThrow();
        assertThat(half.state()).isEqualTo(SayStore.State.speaking);
        assertThat(half.siteId()).isEqualTo("kitchen");
        assertThat(half.siteIds()).containsExactly("kitchen", "attic");
        assertThat(half.audio().durationMs()).isEqualTo(100);
        store.sayFinished("m", "attic");
        assertThat(store.view("m").orElseThrow().state()).isEqualTo(SayStore.State.finished);

        store.add("one", "text", "hall", null, null);
        store.sayFinished("one", "elsewhere"); // one site: its sayFinished whatever site it names, as before
        assertThat(store.view("one").orElseThrow().state()).isEqualTo(SayStore.State.finished);
        assertThat(store.view("one").orElseThrow().siteIds()).containsExactly("hall");
    }

    @Test
    void otherSitesAndUnknownIdsAreIgnored() {
        SayStore store = new SayStore(10, 1 << 20, 60_000, new MutableClock());
        store.add("a", "text", "kitchen", null, null);
        store.playBytes("hall", "a", wav(10));
        store.playBytes("kitchen", "b", wav(10));
        store.playBytes("kitchen", "a-x", wav(10));
        assertThat(store.view("a").orElseThrow().state()).isEqualTo(SayStore.State.queued);
        assertThat(store.bytes()).isZero();
    }

    @Test
    void anErrorFailsTheSayEvenAfterItsSayFinished() {
        SayStore store = new SayStore(10, 1 << 20, 60_000, new MutableClock());
        store.add("a", "text", "default", null, null);
        store.sayFinished("a");
        store.error("a", "invalid-request: too long");
        SayStore.View v = store.view("a").orElseThrow();
        assertThat(v.state()).isEqualTo(SayStore.State.failed);
        assertThat(v.error()).contains("too long");
        assertThat(v.audio().state()).isEqualTo(SayStore.AudioState.none);
    }

    @Test
    void boundedByCountAndBytesOldestFirst() {
        SayStore store = new SayStore(2, 3 * (44 + 2000), 60_000, new MutableClock());
        for (String id : new String[] {"a", "b", "c"}) {
            store.add(id, id, "default", null, null);
        }
        assertThat(store.view("a")).isEmpty();
        store.playBytes("default", "b", wav(1000));
        store.playBytes("default", "c", wav(1000));
        store.add("d", "d", "default", null, null);
        store.playBytes("default", "d", wav(1000));
        assertThat(store.view("b")).isEmpty();
        assertThat(store.bytes()).isEqualTo(2 * (44 + 2000));
        store.add("e", "e", "default", null, null);
        store.playBytes("default", "e", wav(2100)); // needs room: d's audio goes (c left by count)
        assertThat(store.view("c")).isEmpty();
        assertThat(store.view("d").orElseThrow().audio().state()).isEqualTo(SayStore.AudioState.evicted);
        assertThat(store.view("e").orElseThrow().audio().state()).isEqualTo(SayStore.AudioState.ready);
        store.add("f", "f", "default", null, null);
        store.playBytes("default", "f", wav(10_000));
        assertThat(store.view("f").orElseThrow().audio().state()).isEqualTo(SayStore.AudioState.too_large);
        assertThat(store.bytes()).isLessThanOrEqualTo(3 * (44 + 2000));
    }

    @Test
    void aSayWithoutSayFinishedTimesOut() {
        MutableClock clock = new MutableClock();
        SayStore store = new SayStore(10, 1 << 20, 30_000, clock);
        store.add("a", "text", "default", null, null);
        store.playBytes("default", "a-0", wav(100));
        clock.now = clock.now.plus(Duration.ofSeconds(31));
        SayStore.View v = store.view("a").orElseThrow();
        assertThat(v.state()).isEqualTo(SayStore.State.failed);
        assertThat(v.error()).contains("no sayFinished");
        assertThat(store.bytes()).isZero();
    }
}
