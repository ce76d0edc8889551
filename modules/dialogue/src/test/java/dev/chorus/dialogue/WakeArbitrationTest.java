package dev.chorus.dialogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.protocol.messages.SessionStarted;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wake arbitration ({@code CHORUS_DIALOGUE_WAKE_GROUPS}) on the hand-driven clock of {@link FakeTimers}: only the
 * site of a group that heard a wake word best starts a session.
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
                .as("the round's window timer is cancelled: only the session's timeout is left")
                .isEqualTo(1);
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

    @Test
    void aDetectionAfterTheWindowOpensANewRound() {
        f.wake("kitchen", "jarvis", 0.6);
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        f.wake("livingroom", "jarvis", 0.9);
        assertThat(startedSites()).containsExactly("kitchen");
        f.timers.advance(DialogueFixture.WAKE_WINDOW);
        assertThat(startedSites()).containsExactly("kitchen", "livingroom");
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
    }

    @Test
    void theEmptyValuesComposeWritesMeanNoGroupsAndTheDefaultWindow() {
        // docker-compose.yml passes ${CHORUS_DIALOGUE_WAKE_GROUPS:-}: unset on the host is an empty variable here
        DialogueSettings s = DialogueSettingsLoader.load(new MapEnvSource(Map.of(
                DialogueSettingsLoader.WAKE_GROUPS, "",
                DialogueSettingsLoader.WAKE_WINDOW, " ")));
        assertThat(s.wakeGroups()).isEqualTo(WakeGroups.NONE);
        assertThat(s.wakeWindow()).isEqualTo(DialogueSettingsLoader.DEFAULT_WAKE_WINDOW);
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
