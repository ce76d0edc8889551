package dev.chorus.mic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.mic.MicSettings.Source;
import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicSettingsTest {

    private static final Path DATA = Path.of("/data");

    @Test
    void defaults() {
        MicSettings s = load(Map.of());
        assertThat(s.sources()).containsExactly(Source.FILE);
        assertThat(s.siteId()).isEqualTo("default");
        assertThat(s.frameSamples()).isEqualTo(1024);
        assertThat(s.frameBytes()).isEqualTo(2048);
        assertThat(s.frameNanos()).isEqualTo(64_000_000L);
        assertThat(s.inboxDir()).isEqualTo(Path.of("/data/inbox"));
        assertThat(s.keepFiles()).isEqualTo(20);
        assertThat(s.maxFileBytes()).isEqualTo(64L << 20);
        assertThat(s.udpPort()).isEmpty();
        assertThat(s.udpSites()).isEmpty();
        assertThat(s.device()).isEqualTo("default");
    }

    @Test
    void everyVariable() {
        MicSettings s = load(Map.of(
                "CHORUS_MIC_SOURCE", " file , UDP,device",
                "CHORUS_SITE_ID", "kitchen",
                "CHORUS_MIC_FRAME_SAMPLES", "1280",
                "CHORUS_MIC_KEEP_FILES", "0",
                "CHORUS_MIC_MAX_FILE_BYTES", "8M",
                "CHORUS_MIC_UDP_PORT", "12333",
                "CHORUS_MIC_UDP_SITES", "10.0.0.7=porch, 10.0.0.8=hall",
                "CHORUS_MIC_DEVICE", "USB"));
        assertThat(s.sources()).isEqualTo(Set.of(Source.FILE, Source.UDP, Source.DEVICE));
        assertThat(s.siteId()).isEqualTo("kitchen");
        assertThat(s.frameNanos()).isEqualTo(80_000_000L);
        assertThat(s.keepFiles()).isZero();
        assertThat(s.maxFileBytes()).isEqualTo(8L << 20);
        assertThat(s.udpPort()).isEqualTo(Optional.of(12333));
        assertThat(s.udpSites()).isEqualTo(Map.of("10.0.0.7", "porch", "10.0.0.8", "hall"));
        assertThat(s.device()).isEqualTo("USB");
    }

    @Test
    void errorsNameTheVariable() {
        assertError(
                Map.of("CHORUS_MIC_SOURCE", "file,mic"),
                "CHORUS_MIC_SOURCE: \"file,mic\" is not a comma-separated list of file, udp, device");
        assertError(
                Map.of("CHORUS_MIC_SOURCE", "udp"),
                "CHORUS_MIC_UDP_PORT: not set, and CHORUS_MIC_SOURCE includes udp (give the port to receive raw PCM on)");
        assertError(
                Map.of("CHORUS_SITE_ID", "living room"),
                "CHORUS_SITE_ID: \"living room\" is not a site id: one topic level of 1..64 characters without / + # or"
                        + " blanks");
        assertError(
                Map.of("CHORUS_MIC_FRAME_SAMPLES", "100"),
                "CHORUS_MIC_FRAME_SAMPLES: \"100\" is not a whole number between 160 and 16000");
        assertError(
                Map.of("CHORUS_MIC_UDP_SITES", "porch"),
                "CHORUS_MIC_UDP_SITES: \"porch\" is not a comma-separated list of ADDRESS=SITE (e.g. 10.0.0.7=kitchen),"
                        + " each an IP address and a site id without / + # or blanks");
        assertError(
                Map.of("CHORUS_MIC_UDP_SITES", "satellite.lan=porch"),
                "CHORUS_MIC_UDP_SITES: \"satellite.lan=porch\" is not a comma-separated list of ADDRESS=SITE (e.g."
                        + " 10.0.0.7=kitchen), each an IP address and a site id without / + # or blanks");
    }

    @Test
    void siteIds() {
        assertThat(MicSettingsLoader.validSite("kitchen")).isTrue();
        assertThat(MicSettingsLoader.validSite("satellite-1.hall")).isTrue();
        for (String bad : new String[] {"", "a/b", "+", "#", "a b", ".", "..", "x".repeat(65)}) {
            assertThat(MicSettingsLoader.validSite(bad)).as(bad).isFalse();
        }
    }

    private static MicSettings load(Map<String, String> env) {
        return MicSettingsLoader.load(new MapEnvSource(env), DATA);
    }

    private static void assertError(Map<String, String> env, String message) {
        assertThatThrownBy(() -> load(env)).isInstanceOf(ConfigException.class).hasMessage(message);
    }
}
