package dev.chorus.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlayIdsTest {

    @Test
    void partsAreSayIdDashNumber() {
        assertThat(PlayIds.of("say-1", 0)).isEqualTo("say-1-0");
        assertThat(PlayIds.of("abc", 12)).isEqualTo("abc-12");
        assertThatThrownBy(() -> PlayIds.of("abc", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseReadsWhatOfWrites() {
        assertThat(PlayIds.parse(PlayIds.of("say-1", 3))).contains(new PlayIds.Part("say-1", 3));
        assertThat(PlayIds.parse("6f1c2e0a-9b7d-4f3e-8a2b-1c2d3e4f5a6b-0"))
                .contains(new PlayIds.Part("6f1c2e0a-9b7d-4f3e-8a2b-1c2d3e4f5a6b", 0));
    }

    @Test
    void idsWithoutAPartNumberAreNotParts() {
        for (String id : new String[] {"say", "say-", "-1", "say-x", "say-1a", "say-+1", "say-1234567890", ""}) {
            assertThat(PlayIds.parse(id)).as(id).isEmpty();
        }
    }

    @Test
    void belongsTo() {
        assertThat(PlayIds.belongsTo("s1", "s1")).isTrue();
        assertThat(PlayIds.belongsTo("s1-0", "s1")).isTrue();
        assertThat(PlayIds.belongsTo("s1-0-2", "s1-0")).isTrue();
        assertThat(PlayIds.belongsTo("s10", "s1")).isFalse();
        assertThat(PlayIds.belongsTo("s1-x", "s1")).isFalse();
        assertThat(PlayIds.belongsTo("s2-0", "s1")).isFalse();
    }
}
