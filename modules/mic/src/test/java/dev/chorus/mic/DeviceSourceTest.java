package dev.chorus.mic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.mic.source.DeviceSource;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.env.MapEnvSource;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device source through javax.sound, on {@link StubMicrophone} (this machine has no sound card): the same
 * AudioSystem lookup, line and blocking reads as with a real card.
 */
@Timeout(120)
class DeviceSourceTest {

    @RegisterExtension
    static final InProcessBroker BROKER =
            InProcessBroker.withAcl("mic sub chorus/listening/+", "wake pub chorus/listening/wake");

    @TempDir
    Path data;

    @Test
    void theDevicesAudioComesOutAsContinuousFramesWhileListened() throws Exception {
        try (Arrivals seen = Arrivals.subscribe(BROKER, "operator", Topics.AUDIO_FRAME_FILTER);
                ApplicationContext ctx = ModuleHarness.of("mic", BROKER)
                        .env(EnvVars.DATA_DIR, data.toString())
                        .env("CHORUS_SITE_ID", "office")
                        .env("CHORUS_MIC_SOURCE", "device")
                        .env("CHORUS_MIC_DEVICE", "stub microphone") // a unique part of the name
                        .startConnected();
                FakeModule wake = FakeModule.start(BROKER, "wake")) {
            assertThat(ctx.getBean(Sources.class).device().orElseThrow().describe())
                    .isEqualTo(StubMicrophone.NAME + " (16-bit 16000 Hz mono)");
            wake.publishRetainedJson(Topics.listening("wake"), new ListeningSites("wake", List.of("office")));
            await().until(() -> seen.count(Topics.audioFrame("office")) >= 8);

            // the ramp goes on from frame to frame: nothing lost or repeated between frames
            byte[] pcm = seen.pcm("office");
            int previous = sample(pcm, 0);
            for (int i = 2; i < pcm.length; i += 2) {
                int s = sample(pcm, i);
                assertThat(s).as("sample %d", i / 2).isEqualTo((previous + 1) % StubMicrophone.RAMP);
                previous = s;
            }
            wake.publishRetained(Topics.listening("wake"), new byte[0]);
        }
    }

    @Test
    void anUnknownDeviceIsAConfigurationErrorListingTheInputDevices() {
        ConfigException e = Application.check(new MapEnvSource(Map.of(
                EnvVars.DATA_DIR,
                data.toString(),
                EnvVars.MQTT_PASSWORD_FILE,
                BROKER.passwordFile("mic").toString(),
                "CHORUS_MIC_SOURCE",
                "file,device",
                "CHORUS_MIC_DEVICE",
                "usb headset")));
        assertThat(e)
                .hasMessage("CHORUS_MIC_DEVICE: no sound input device matches \"usb headset\"; input devices: \""
                        + StubMicrophone.NAME + "\"");
        assertThat(DeviceSource.inputMixers()).extracting(i -> i.getName()).containsExactly(StubMicrophone.NAME);
    }

    private static int sample(byte[] pcm, int i) {
        return (short) ((pcm[i] & 0xFF) | (pcm[i + 1] << 8));
    }
}
