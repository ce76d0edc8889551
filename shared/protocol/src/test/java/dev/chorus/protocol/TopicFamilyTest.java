package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicFamilyTest {

    @Test
    void fixedTopicsAreTheirOwnFamily() {
        assertThat(TopicFamily.of(Topics.TTS_SAY)).isEqualTo("hermes/tts/say");
        assertThat(TopicFamily.of(Topics.NLU_GRAMMAR)).isEqualTo("chorus/nlu/grammar");
    }

    @Test
    void idsAndSitesBecomeTheCatalogPlaceholders() {
        assertThat(TopicFamily.of(Topics.playBytes("kitchen", "7f3a")))
                .isEqualTo("hermes/audioServer/{siteId}/playBytes/{requestId}");
        assertThat(TopicFamily.of(Topics.audioFrame("hall"))).isEqualTo("hermes/audioServer/{siteId}/audioFrame");
        assertThat(TopicFamily.of(Topics.intent("GetTime"))).isEqualTo("hermes/intent/{intentName}");
        assertThat(TopicFamily.of(Topics.reply("gateway", "c0ffee"))).isEqualTo("chorus/reply/{module}/{requestId}");
        assertThat(TopicFamily.of(Topics.status("tts"))).isEqualTo("chorus/status/{module}");
    }

    @Test
    void everythingElseIsOther() {
        assertThat(TopicFamily.of("example/ping")).isEqualTo(TopicFamily.OTHER);
        assertThat(TopicFamily.of("hermes/tts/say/extra")).isEqualTo(TopicFamily.OTHER);
        assertThat(TopicFamily.of("hermes/intent/")).isEqualTo(TopicFamily.OTHER);
        assertThat(TopicFamily.of("")).isEqualTo(TopicFamily.OTHER);
    }

    @Test
    void everyCatalogEntryIsAFamilyOfItsOwn() {
        for (String entry : Topics.catalog()) {
            assertThat(TopicFamily.of(entry)).as(entry).isEqualTo(entry);
        }
    }
}
