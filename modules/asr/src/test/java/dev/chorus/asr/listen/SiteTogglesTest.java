package dev.chorus.asr.listen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** protocol.md section 5: the site is on while its set of reasons is empty. */
class SiteTogglesTest {

    private final SiteToggles toggles = new SiteToggles();

    @Test
    void everyReasonMustBeToggledOnAgain() {
        toggles.off("kitchen", "ttsSay");
        toggles.off("kitchen", "dialogueSession");
        toggles.on("kitchen", "ttsSay");
        assertThat(toggles.enabled("kitchen")).isFalse();
        toggles.on("kitchen", "dialogueSession");
        assertThat(toggles.enabled("kitchen")).isTrue();
    }

    @Test
    void anEmptyReasonClearsThemAll() {
        toggles.off("kitchen", "ttsSay");
        toggles.off("kitchen", "playAudio");
        toggles.on("kitchen", "");
        assertThat(toggles.enabled("kitchen")).isTrue();
    }

    @Test
    void sitesAreIndependentAndOnByDefault() {
        toggles.off("kitchen", "ttsSay");
        assertThat(toggles.enabled("hall")).isTrue();
        toggles.on("hall", "ttsSay");
        assertThat(toggles.enabled("kitchen")).isFalse();
    }
}
