package dev.chorus.dialogue;

import dev.chorus.protocol.messages.HotwordDetected;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one detection per wake word said in a group of sites that hear each other: the first detection in a group
 * opens a round of {@code window}; the round closes when the window is over or when every site of the group has
 * reported, and only its best detection (highest {@code score}) starts a session. The others are dropped and
 * logged. A detection without a score (a Rhasspy wake service sends none) ranks below any scored one; between
 * equals the earlier one wins. For {@code holdOff} after a round, detections from the group's other sites are
 * dropped too: a satellite slower than the window reports the same utterance late, and would otherwise start a
 * second session. The winner's site is not held off (a new wake word there opens a round as usual). Sites in no
 * group pass straight through.
 *
 * <p>Not thread-safe: driven by the {@link DialogueManager}, one event at a time, timers included.
 */
final class WakeArbiter {

    private static final Logger LOG = LoggerFactory.getLogger(WakeArbiter.class);

    /** Where a kept detection goes. */
    interface Wake {
        void wake(String wakewordId, HotwordDetected detected);
    }

    private record Heard(String wakewordId, HotwordDetected detected) {
        double rank() {
            return detected.score() == null ? Double.NEGATIVE_INFINITY : detected.score();
        }

        @Override
        public String toString() {
            return wakewordId + " on " + detected.siteId() + " (score "
                    + (detected.score() == null ? "none" : detected.score()) + ")";
        }
    }

    private final class Round {
        private final Set<String> group;
        /** One detection per site, in arrival order (the order decides between equal scores). */
        private final Map<String, Heard> bySite = new LinkedHashMap<>();

        private final Timers.Timer timer;
        private boolean closed;

        Round(Set<String> group) {
            this.group = group;
            this.timer = timers.start(window, this::close);
        }

        void add(Heard heard) {
            Heard before = bySite.get(heard.detected().siteId());
            if (before == null || heard.rank() > before.rank()) {
                bySite.put(heard.detected().siteId(), heard);
            }
            if (bySite.keySet().containsAll(group)) {
                close(); // every site has spoken: waiting longer cannot change the winner
            }
        }

        void close() {
            // a cancelled window timer can still run (it was already waiting for the dialogue's lock when the
            // last site reported): a second close would end a newer round and wake the winner twice
            if (closed) {
                return;
            }
            closed = true;
            timer.cancel();
            rounds.remove(group);
            // a later detection must score strictly higher to win: between equals the earliest stays
            Heard best = bySite.values().stream()
                    .reduce((a, b) -> b.rank() > a.rank() ? b : a)
                    .orElseThrow();
            for (Heard other : bySite.values()) {
                if (other != best) {
                    LOG.info("wake word {} dropped: {} heard it best", other, best);
                }
            }
            holdOff(group, best);
            wake.wake(best.wakewordId(), best.detected());
        }
    }

    /** After a round of {@code group}: its other sites are not heard until the timer ends it. */
    private record HoldOff(Heard winner, Timers.Timer timer) {}

    private final WakeGroups groups;
    private final Duration window;
    private final Duration holdOff;
    private final Timers timers;
    private final Wake wake;
    private final Map<Set<String>, Round> rounds = new HashMap<>();
    private final Map<Set<String>, HoldOff> holdOffs = new HashMap<>();

    /** @param holdOff zero: none, a late detection opens a round of its own */
    WakeArbiter(WakeGroups groups, Duration window, Duration holdOff, Timers timers, Wake wake) {
        this.groups = groups;
        this.window = window;
        this.holdOff = holdOff;
        this.timers = timers;
        this.wake = wake;
    }

    void detected(String wakewordId, HotwordDetected detected) {
        Set<String> group = groups.groupOf(detected.siteId()).orElse(null);
        if (group == null) {
            wake.wake(wakewordId, detected);
            return;
        }
        Heard heard = new Heard(wakewordId, detected);
        HoldOff held = holdOffs.get(group);
        if (held != null && !held.winner().detected().siteId().equals(detected.siteId())) {
            LOG.info(
                    "wake word {} dropped: less than {} ms after {} won its group's round (the hold-off)",
                    heard,
                    holdOff.toMillis(),
                    held.winner());
            return;
        }
        rounds.computeIfAbsent(group, Round::new).add(heard);
    }

    private void holdOff(Set<String> group, Heard winner) {
        if (holdOff.isZero()) {
            return;
        }
        HoldOff[] self = new HoldOff[1];
        // remove(key, value): a cancelled timer that runs anyway must not end the hold-off of a later round
        self[0] = new HoldOff(winner, timers.start(holdOff, () -> holdOffs.remove(group, self[0])));
        HoldOff before = holdOffs.put(group, self[0]);
        if (before != null) {
            before.timer().cancel();
        }
    }
}
