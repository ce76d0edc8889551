package dev.chorus.mic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListeningTest {

    private final Listening listening = new Listening();

    @Test
    void aSiteStreamsOnlyWhileAnOnlineModuleListsIt() {
        assertThat(listening.streams("kitchen")).isFalse();
        listening.listening("wake", List.of("kitchen"));
        assertThat(listening.streams("kitchen")).as("status not seen yet").isFalse();
        listening.status("wake", true);
        assertThat(listening.streams("kitchen")).isTrue();
        assertThat(listening.streams("hall")).isFalse();
        listening.status("wake", false);
        assertThat(listening.streams("kitchen")).isFalse();
        listening.status("wake", true);
        assertThat(listening.streams("kitchen"))
                .as("back online, its list counts again")
                .isTrue();
        listening.listening("wake", null);
        assertThat(listening.streams("kitchen")).as("list cleared").isFalse();
    }

    @Test
    void everySiteWithAStarAndAnyOfSeveralModules() {
        listening.status("wake", true);
        listening.status("asr", true);
        listening.listening("wake", List.of("*"));
        listening.listening("asr", List.of("hall"));
        assertThat(listening.streams("anything")).isTrue();
        listening.listening("wake", List.of());
        assertThat(listening.streams("anything")).isFalse();
        assertThat(listening.streams("hall")).isTrue();
    }

    @Test
    void toggleOffMutesASiteWhoeverListensUntilToggleOn() {
        listening.status("wake", true);
        listening.listening("wake", List.of("*"));
        listening.toggle("kitchen", false);
        assertThat(listening.streams("kitchen")).isFalse();
        assertThat(listening.streams("hall")).isTrue();
        listening.toggle("kitchen", true);
        assertThat(listening.streams("kitchen")).isTrue();
    }
}
