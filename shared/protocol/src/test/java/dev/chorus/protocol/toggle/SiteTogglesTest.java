package dev.chorus.protocol.toggle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rhasspy's reason sets (protocol.md §5). */
class SiteTogglesTest {

    private final SiteToggles toggles = new SiteToggles();

    @Test
    void aSiteIsOnUntilEveryReasonIsWithdrawn() {
        assertThat(toggles.off("kitchen", "dialogueSession")).isTrue();
        assertThat(toggles.off("kitchen", "ttsSay")).isFalse();
        assertThat(toggles.enabled("kitchen")).isFalse();
        assertThat(toggles.enabled("hall")).isTrue();

        assertThat(toggles.on("kitchen", "dialogueSession")).isFalse();
        assertThat(toggles.enabled("kitchen")).isFalse();
        assertThat(toggles.on("kitchen", "playAudio")).isFalse();
        assertThat(toggles.on("kitchen", "ttsSay")).isTrue();
        assertThat(toggles.enabled("kitchen")).isTrue();
        assertThat(toggles.offSites()).isEmpty();
    }

    @Test
    void anEmptyReasonOnClearsEveryReason() {
        toggles.off("kitchen", "dialogueSession");
        toggles.off("kitchen", "ttsSay");
        assertThat(toggles.on("kitchen", "")).isTrue();
        assertThat(toggles.enabled("kitchen")).isTrue();
    }

    @Test
    void onForASiteThatIsOnChangesNothing() {
        assertThat(toggles.on("kitchen", "dialogueSession")).isFalse();
        assertThat(toggles.enabled("kitchen")).isTrue();
    }

    @Test
    void sitesAreIndependent() {
        toggles.off("kitchen", "ttsSay");
        assertThat(toggles.on("hall", "ttsSay")).isFalse();
        assertThat(toggles.enabled("kitchen")).isFalse();
        assertThat(toggles.offSites()).containsExactly("kitchen");
    }
}
