package dev.chorus.audio.hermes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.AudioSettingsLoader;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A satellite's audio serves one site and subscribes to that site's topics only (all its principal may). */
class SingleSiteSubscriptionTest {

    private static AudioSettings sites(String sites) {
        return AudioSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_AUDIO_SITES", sites)), Path.of("/data"));
    }

    @Test
    void oneSiteSubscribesToItsTopicsOnly() {
        AudioSettings kitchen = sites("kitchen");
        assertThat(new PlayBytesListener(null, kitchen).topicFilter())
                .isEqualTo("hermes/audioServer/kitchen/playBytes/+");
        assertThat(new StopListener(null, kitchen).topicFilter()).isEqualTo("chorus/audioServer/kitchen/stop");
    }

    @Test
    void severalSitesOrAllSubscribeToEverySite() {
        assertThat(new PlayBytesListener(null, sites("kitchen,hall")).topicFilter())
                .isEqualTo("hermes/audioServer/+/playBytes/+");
        AudioSettings all = AudioSettingsLoader.load(new MapEnvSource(Map.of()), Path.of("/data"));
        assertThat(new StopListener(null, all).topicFilter()).isEqualTo("chorus/audioServer/+/stop");
    }
}
