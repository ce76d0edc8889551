package dev.chorus.wake.hermes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.wake.WakeSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A satellite's wake word listens to one site and subscribes to that site's frames only (all its principal may). */
class SingleSiteSubscriptionTest {

    private static WakeSettings sites(String... sites) {
        return new WakeSettings(
                Path.of("models"),
                List.of(),
                List.of("hey_jarvis"),
                0.5,
                Duration.ofSeconds(2),
                Set.of(sites),
                Duration.ofSeconds(2));
    }

    @Test
    void oneSiteSubscribesToItsFramesOnly() {
        assertThat(new AudioFrameListener(null, null, null, sites("kitchen")).topicFilter())
                .isEqualTo("hermes/audioServer/kitchen/audioFrame");
    }

    @Test
    void severalSitesOrAllSubscribeToEverySite() {
        assertThat(new AudioFrameListener(null, null, null, sites("*")).topicFilter())
                .isEqualTo("hermes/audioServer/+/audioFrame");
        assertThat(new AudioFrameListener(null, null, null, sites("kitchen", "hall")).topicFilter())
                .isEqualTo("hermes/audioServer/+/audioFrame");
    }
}
