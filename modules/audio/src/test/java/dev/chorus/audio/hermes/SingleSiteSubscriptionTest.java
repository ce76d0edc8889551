package dev.chorus.audio.hermes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.audio.AudioSettings;
import dev.chorus.audio.AudioSettingsLoader;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.config.ModuleSettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A satellite's audio serves one site and subscribes to that site's topics only (all its principal may). */
class SingleSiteSubscriptionTest {

    @TempDir
    Path tmp;

    /** The module's settings with a data folder of the test's own (the listener keeps its journal there). */
    private ModuleSettings module() throws Exception {
        Path password = Files.writeString(tmp.resolve("password"), "secret");
        return ModuleSettingsLoader.load(
                new MapEnvSource(Map.of(
                        EnvVars.MQTT_PASSWORD_FILE, password.toString(),
                        EnvVars.DATA_DIR, tmp.resolve("data").toString())),
                "audio",
                "1");
    }

    private static AudioSettings sites(String sites) {
        return AudioSettingsLoader.load(new MapEnvSource(Map.of("CHORUS_AUDIO_SITES", sites)), Path.of("/data"));
    }

    @Test
    void oneSiteSubscribesToItsTopicsOnly() throws Exception {
        AudioSettings kitchen = sites("kitchen");
        assertThat(new PlayBytesListener(null, kitchen, module()).topicFilter())
                .isEqualTo("hermes/audioServer/kitchen/playBytes/+");
        assertThat(new StopListener(null, kitchen).topicFilter()).isEqualTo("chorus/audioServer/kitchen/stop");
    }

    @Test
    void severalSitesOrAllSubscribeToEverySite() throws Exception {
        assertThat(new PlayBytesListener(null, sites("kitchen,hall"), module()).topicFilter())
                .isEqualTo("hermes/audioServer/+/playBytes/+");
        AudioSettings all = AudioSettingsLoader.load(new MapEnvSource(Map.of()), Path.of("/data"));
        assertThat(new StopListener(null, all).topicFilter()).isEqualTo("chorus/audioServer/+/stop");
    }
}
