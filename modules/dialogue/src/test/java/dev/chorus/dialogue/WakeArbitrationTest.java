package dev.chorus.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.protocol.messages.HotwordDetected;
import dev.chorus.protocol.messages.SessionStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wake arbitration ({@code CHORUS_DIALOGUE_WAKE_GROUPS}) on the hand-driven clock of {@link FakeTimers}: only the
 * site of a group that heard a wake word best starts a session, and the group's other sites are held off for a
 * while after ({@code CHORUS_DIALOGUE_WAKE_HOLDOFF}).
 */
class WakeArbitrationTest {

    private final DialogueFixture f = new DialogueFixture(
            DialogueFixture.settings(false, WakeGroups.parse("groups", "kitchen+livingroom;bedroom+hall+landing")),
            FeedbackSounds.none());

    private List<String> startedSites() {
        return f.out.on(Topics.DM_SESSION_STARTED).stream()
                .map(s -> ((SessionStarted) s.message()).siteId())
                .toList();
    }

    @Test
    void whenEverySiteOfAGroupHeardItTheBestScoreStartsAtOnce() {
        f.wake("kitchen", "jarvis", 0.62);
        assertThat(startedSites())
                .as("the window is open, livingroom may still report")
                .isEmpty();
        f.wake("livingroom", "jarvis", 0.91);
        assertThat(startedSites()).containsExactly("livingroom");
        assertThat(f.timers.pending())
                .as("the round's window timer is cancelled: only the session's timeout and the hold-off are left")
                .isEqualTo(2);
        assertThat(f.dm.sessionOf("kitchen")).isNull();
    }

    @Test
    void theFirstDetectionCanBeTheBest() {
        f.wake("livingroom", "jarvis", 0.9);
        f.wake("kitchen", "jarvis", 0.5);
        assertThat(startedSites()).containsExactly("livingroom");
    }

    @Test
    void aPartOfTheGroupIsDecidedWhenTheWindowEnds() {
        f.wake("hall", "jarvis", 0.7);
        f.wake("bedroom", "jarvis", 0.8);
        f.timers.advance(DialogueFixture.WAKE_WINDOW.minusMillis(1));
        assertThat(startedSites()).as("landing may still report").isEmpty();
        f.timers.advance(Duration.ofMillis(1));
        assertThat(startedSites()).containsExactly("bedroom");
        assertThat(f.dm.sessionOf("bedroom")).startsWith("bedroom-jarvis-");
    }

    @Test
    void aLoneDetectionInAGroupStartsAfterTheWindow() {
        f.wake("kitchen", "jarvis", 0.6);
        assertThat(startedSites()).isEmpty();
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen");
    }

    @Test
    void aSiteInNoGroupStartsAtOnceAsInRhasspy() {
        f.wake("garage", "jarvis", null);
        assertThat(startedSites()).containsExactly("garage");
        assertThat(f.timers.pending())
                .as("no window: only the session's timeout")
                .isEqualTo(1);
    }

    @Test
    void groupsAreDecidedApart() {
        f.wake("kitchen", "jarvis", 0.6);
        f.wake("hall", "jarvis", 0.9);
        f.wake("livingroom", "jarvis", 0.5);
        assertThat(startedSites()).containsExactly("kitchen");
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen", "hall");
    }

    @Test
    void withoutScoresTheFirstWinsAndAnyScoreBeatsNone() {
        f.wake("kitchen", "jarvis", null);
        f.wake("livingroom", "jarvis", null);
        assertThat(startedSites()).containsExactly("kitchen");

        f.out.drain();
        f.wake("bedroom", "jarvis", null);
        f.wake("hall", "jarvis", 0.1);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("hall");
    }

    @Test
    void equalScoresKeepTheEarlierAndASecondDetectionOfASiteCountsOnce() {
        f.wake("hall", "jarvis", 0.8);
        f.wake("hall", "jarvis", 0.7); // the same site again: keeps its better 0.8, still one site of three
        f.wake("bedroom", "jarvis", 0.8);
        assertThat(startedSites()).isEmpty();
        f.wake("landing", "jarvis", 0.5);
        assertThat(startedSites()).containsExactly("hall");
    }

    // ---- the hold-off after a round (CHORUS_DIALOGUE_WAKE_HOLDOFF) ----

    @Test
    void aSlowSiteReportingAfterTheWindowIsHeldOff() {
        f.wake("kitchen", "jarvis", 0.6);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen");

        f.wake("livingroom", "jarvis", 0.9); // the same utterance, from a satellite slower than the window
        f.timers.advance(DialogueFixture.WAKE_HOLD_OFF.minusMillis(1));
        f.wake("livingroom", "jarvis", 0.9);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).as("dropped, no round opened").containsExactly("kitchen");
        assertThat(f.dm.sessionOf("livingroom")).isNull();
    }

    @Test
    void afterTheHoldOffTheGroupsOtherSitesOpenRoundsAgain() {
        f.wake("kitchen", "jarvis", 0.6);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        f.timers.advance(DialogueFixture.WAKE_HOLD_OFF);
        f.wake("livingroom", "jarvis", 0.9);
        assertThat(startedSites()).containsExactly("kitchen");
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen", "livingroom");
    }

    @Test
    void theWinnersSiteIsNotHeldOff() {
        f.wake("kitchen", "jarvis", 0.6);
        f.wake("livingroom", "jarvis", 0.9);
        String first = f.dm.sessionOf("livingroom");

        f.wake("livingroom", "jarvis", 0.8); // said again, to the site that answered: a round as usual
        f.wake("kitchen", "jarvis", 0.95); // still within the hold-off of the first round
        assertThat(startedSites()).containsExactly("livingroom");
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("livingroom", "livingroom");
        assertThat(f.dm.sessionOf("livingroom")).isNotEqualTo(first);
        assertThat(f.dm.sessionOf("kitchen")).isNull();
    }

    @Test
    void aLaterRoundStartsTheHoldOffAgain() {
        f.wake("kitchen", "jarvis", 0.6);
        f.timers.advance(DialogueFixture.WAKE_WINDOW); // round 1 decided at 300 ms: held off until 1300 ms
        f.timers.advance(Duration.ofMillis(500));
        f.wake("kitchen", "jarvis", 0.6);
        f.timers.advance(DialogueFixture.WAKE_WINDOW); // round 2 decided at 1100 ms: held off until 2100 ms
        f.timers.advance(Duration.ofMillis(500));
        f.wake("livingroom", "jarvis", 0.9); // 1600 ms: after the first hold-off, within the second
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen", "kitchen");
    }

    @Test
    void theHoldOffIsPerGroup() {
        f.wake("kitchen", "jarvis", 0.6);
        f.wake("livingroom", "jarvis", 0.9);
        f.wake("hall", "jarvis", 0.7);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("livingroom", "hall");
    }

    @Test
    void withoutHoldOffALateDetectionOpensARoundOfItsOwn() {
        DialogueFixture noHoldOff = new DialogueFixture(
                DialogueFixture.settings(false, WakeGroups.parse("groups", "kitchen+livingroom"), Duration.ZERO),
                FeedbackSounds.none());
        noHoldOff.wake("kitchen", "jarvis", 0.6);
        noHoldOff.timers.advance(DialogueFixture.WAKE_WINDOW);
        noHoldOff.wake("livingroom", "jarvis", 0.9);
        noHoldOff.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(noHoldOff.out.on(Topics.DM_SESSION_STARTED).stream()
                        .map(m -> ((SessionStarted) m.message()).siteId()))
                .containsExactly("kitchen", "livingroom");
        assertThat(noHoldOff.timers.pending())
                .as("the two sessions' timeouts, no hold-off")
                .isEqualTo(2);
    }

    // ---- timers that run after they were cancelled (the scheduler's task already waited for the lock) ----

    private final List<Runnable> late = new ArrayList<>();
    private final List<String> woken = new ArrayList<>();

    private WakeArbiter arbiterOnLateTimers(Duration holdOff) {
        Timers timers = (delay, action) -> {
            late.add(action);
            return () -> {}; // the cancel comes too late: the test runs the action when it likes
        };
        return new WakeArbiter(
                WakeGroups.parse("groups", "kitchen+livingroom"),
                DialogueFixture.WAKE_WINDOW,
                holdOff,
                timers,
                (wakewordId, d) -> woken.add(d.siteId()));
    }

    private static HotwordDetected heard(String site, double score) {
        return new HotwordDetected("jarvis", null, null, null, site, null, null, null, null, score);
    }

    @Test
    void aRoundsWindowTimerRunningAfterTheRoundClosedWakesNobodyAgain() {
        WakeArbiter arbiter = arbiterOnLateTimers(Duration.ZERO);
        arbiter.detected("jarvis", heard("kitchen", 0.6));
        arbiter.detected("jarvis", heard("livingroom", 0.9)); // every site: closed at once
        arbiter.detected("jarvis", heard("kitchen", 0.7)); // a new round
        late.get(0).run(); // the first round's window
        assertThat(woken).containsExactly("livingroom");
        late.get(1).run(); // the second round's window
        assertThat(woken).containsExactly("livingroom", "kitchen");
    }

    @Test
    void anOldHoldOffTimerRunningLateDoesNotEndANewerHoldOff() {
        WakeArbiter arbiter = arbiterOnLateTimers(DialogueFixture.WAKE_HOLD_OFF);
        arbiter.detected("jarvis", heard("kitchen", 0.6));
        arbiter.detected("jarvis", heard("livingroom", 0.9)); // round 1: late = [window 1, hold-off 1]
        arbiter.detected("jarvis", heard("livingroom", 0.8)); // round 2: late = [.., window 2]
        late.get(2).run(); // round 2 decided: hold-off 2 replaces hold-off 1
        late.get(1).run(); // hold-off 1's timer, cancelled too late
        arbiter.detected("jarvis", heard("kitchen", 0.99));
        late.forEach(Runnable::run);
        assertThat(woken).as("kitchen still held off").containsExactly("livingroom", "livingroom");
    }

    @Test
    void theWinnersWakewordIdNamesItsSession() {
        f.wake("kitchen", "jarvis", 0.6);
        f.wake("livingroom", "alexa", 0.7);
        assertThat(f.dm.sessionOf("livingroom")).startsWith("livingroom-alexa-");
    }

    // ---- configuration ----

    @Test
    void groupsAndWindowComeFromTheEnvironment() {
        DialogueSettings s = DialogueSettingsLoader.load(new MapEnvSource(Map.of(
                DialogueSettingsLoader.WAKE_GROUPS, " kitchen + livingroom ; bedroom+hall ",
                DialogueSettingsLoader.WAKE_WINDOW, "500ms")));
        assertThat(s.wakeGroups().groups()).containsExactly(Set.of("kitchen", "livingroom"), Set.of("bedroom", "hall"));
        assertThat(s.wakeGroups().groupOf("hall")).contains(Set.of("bedroom", "hall"));
        assertThat(s.wakeGroups().groupOf("garage")).isEmpty();
        assertThat(s.wakeWindow()).isEqualTo(Duration.ofMillis(500));

        DialogueSettings defaults = DialogueSettingsLoader.load(new MapEnvSource(Map.of()));
        assertThat(defaults.wakeGroups().isEmpty()).isTrue();
        assertThat(defaults.wakeWindow()).isEqualTo(Duration.ofMillis(300));
        assertThat(defaults.wakeHoldOff()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theHoldOffComesFromTheEnvironmentAndZeroTurnsItOff() {
        assertThat(DialogueSettingsLoader.load(new MapEnvSource(Map.of(DialogueSettingsLoader.WAKE_HOLDOFF, "2500ms")))
                        .wakeHoldOff())
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(DialogueSettingsLoader.load(new MapEnvSource(Map.of(DialogueSettingsLoader.WAKE_HOLDOFF, "0")))
                        .wakeHoldOff())
                .isZero();
        assertThatThrownBy(() -> DialogueSettingsLoader.load(
                        new MapEnvSource(Map.of(DialogueSettingsLoader.WAKE_HOLDOFF, "1m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DialogueSettingsLoader.WAKE_HOLDOFF)
                .hasMessageContaining("between 0s and 10s");
    }

    @Test
    void theEmptyValuesComposeWritesMeanNoGroupsAndTheDefaultWindow() {
        // docker-compose.yml passes ${CHORUS_DIALOGUE_WAKE_GROUPS:-}: unset on the host is an empty variable here
        DialogueSettings s = DialogueSettingsLoader.load(new MapEnvSource(Map.of(
                DialogueSettingsLoader.WAKE_GROUPS, "",
                DialogueSettingsLoader.WAKE_WINDOW, " ",
                DialogueSettingsLoader.WAKE_HOLDOFF, "")));
        assertThat(s.wakeGroups()).isEqualTo(WakeGroups.NONE);
        assertThat(s.wakeWindow()).isEqualTo(DialogueSettingsLoader.DEFAULT_WAKE_WINDOW);
        assertThat(s.wakeHoldOff()).isEqualTo(DialogueSettingsLoader.DEFAULT_WAKE_HOLDOFF);
    }

    @Test
    void badGroupsAreClearErrors() {
        assertThatThrownBy(() -> WakeGroups.parse("CHORUS_DIALOGUE_WAKE_GROUPS", "kitchen,livingroom"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CHORUS_DIALOGUE_WAKE_GROUPS")
                .hasMessageContaining("\"kitchen,livingroom\" is a group of one site");
        assertThatThrownBy(() -> WakeGroups.parse("G", "a+b;b+c"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("site b is named twice");
        assertThatThrownBy(() -> WakeGroups.parse("G", "a+b;;c+d"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("empty site");
        assertThatThrownBy(() -> WakeGroups.parse("G", "a+b/c"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/ #");
        assertThatThrownBy(() ->
                        DialogueSettingsLoader.load(new MapEnvSource(Map.of(DialogueSettingsLoader.WAKE_WINDOW, "1m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DialogueSettingsLoader.WAKE_WINDOW);
    }
}
