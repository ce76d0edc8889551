package dev.chorus.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.MapEnvSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioSettingsTest {

    private static final Path DATA = Path.of("/data");

    @Test
    void defaults() {
        AudioSettings s = AudioSettingsLoader.load(new MapEnvSource(Map.of()), DATA);
        assertThat(s.device()).isEmpty();
        assertThat(s.playedDir()).isEqualTo(Path.of("/data/played"));
        assertThat(s.keepFiles()).isEqualTo(100);
        assertThat(s.keepBytes()).isEqualTo(100L << 20);
        assertThat(s.volume()).isEqualTo(1.0);
        assertThat(s.queueSize()).isEqualTo(20);
        assertThat(s.queueBytes()).isEqualTo(64L << 20);
        assertThat(s.maxDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.sites()).isEmpty();
        assertThat(s.serves("anything")).isTrue();
    }

    @Test
    void everyVariableIsRead() {
        AudioSettings s = AudioSettingsLoader.load(
                new MapEnvSource(Map.of(
                        "CHORUS_AUDIO_DEVICE", " default ",
                        "CHORUS_AUDIO_KEEP_FILES", "7",
                        "CHORUS_AUDIO_KEEP_BYTES", "5M",
                        "CHORUS_AUDIO_VOLUME", "0.25",
                        "CHORUS_AUDIO_QUEUE_SIZE", "3",
                        "CHORUS_AUDIO_QUEUE_BYTES", "2GiB",
                        "CHORUS_AUDIO_MAX_DURATION", "1.5m",
                        "CHORUS_AUDIO_SITES", "kitchen, living-room")),
                DATA);
        assertThat(s.device()).contains("default");
        assertThat(s.keepFiles()).isEqualTo(7);
        assertThat(s.keepBytes()).isEqualTo(5L << 20);
        assertThat(s.volume()).isEqualTo(0.25);
        assertThat(s.queueSize()).isEqualTo(3);
        assertThat(s.queueBytes()).isEqualTo(2L << 30);
        assertThat(s.maxDuration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.sites()).isEqualTo(Set.of("kitchen", "living-room"));
        assertThat(s.serves("kitchen")).isTrue();
        assertThat(s.serves("garage")).isFalse();
    }

    @Test
    void emptyMeansUnset() {
        AudioSettings s = AudioSettingsLoader.load(
                new MapEnvSource(
                        Map.of("CHORUS_AUDIO_DEVICE", "", "CHORUS_AUDIO_VOLUME", " ", "CHORUS_AUDIO_SITES", "")),
                DATA);
        assertThat(s.device()).isEqualTo(Optional.empty());
        assertThat(s.volume()).isEqualTo(1.0);
        assertThat(s.sites()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "CHORUS_AUDIO_KEEP_FILES  | 0      | CHORUS_AUDIO_KEEP_FILES: \"0\" is not a whole number between 1 and 1000000",
                "CHORUS_AUDIO_KEEP_FILES  | many   | CHORUS_AUDIO_KEEP_FILES: \"many\" is not a whole number between 1 and 1000000",
                "CHORUS_AUDIO_KEEP_BYTES  | 10T    | CHORUS_AUDIO_KEEP_BYTES: \"10T\" is not a size between 1K and 1048576G (examples: 512, 64K, 16M, 1G)",
                "CHORUS_AUDIO_KEEP_BYTES  | 100    | CHORUS_AUDIO_KEEP_BYTES: \"100\" is not a size between 1K and 1048576G (examples: 512, 64K, 16M, 1G)",
                "CHORUS_AUDIO_VOLUME      | 1.5    | CHORUS_AUDIO_VOLUME: \"1.5\" is not a number between 0 and 1",
                "CHORUS_AUDIO_VOLUME      | loud   | CHORUS_AUDIO_VOLUME: \"loud\" is not a number between 0 and 1",
                "CHORUS_AUDIO_VOLUME      | NaN    | CHORUS_AUDIO_VOLUME: \"NaN\" is not a number between 0 and 1",
                "CHORUS_AUDIO_QUEUE_SIZE  | -1     | CHORUS_AUDIO_QUEUE_SIZE: \"-1\" is not a whole number between 1 and 10000",
                "CHORUS_AUDIO_QUEUE_BYTES | 1k     | CHORUS_AUDIO_QUEUE_BYTES: \"1k\" is not a size between 1M and 1024G (examples: 512, 64K, 16M, 1G)",
                "CHORUS_AUDIO_MAX_DURATION| 0.5ms  | CHORUS_AUDIO_MAX_DURATION: \"0.5ms\" is not a duration between 1s and 1d (examples: 500ms, 30s, 5m, 1h; a plain number is seconds)",
                "CHORUS_AUDIO_MAX_DURATION| 2d     | CHORUS_AUDIO_MAX_DURATION: \"2d\" is not a duration between 1s and 1d (examples: 500ms, 30s, 5m, 1h; a plain number is seconds)",
                "CHORUS_AUDIO_SITES       | a,,b   | CHORUS_AUDIO_SITES: \"a,,b\" is not a comma-separated list of site ids, each one topic level without / + # or blanks",
                "CHORUS_AUDIO_SITES       | a/b    | CHORUS_AUDIO_SITES: \"a/b\" is not a comma-separated list of site ids, each one topic level without / + # or blanks",
            })
    void anInvalidValueIsOneLineNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> AudioSettingsLoader.load(new MapEnvSource(Map.of(name, value)), DATA))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theMainChecksEveryVariableBeforeMicronautStarts(@TempDir Path tmp) throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "secret\n");
        Map<String, String> good = Map.of(
                "CHORUS_MQTT_PASSWORD_FILE",
                pw.toString(),
                "CHORUS_DATA_DIR",
                tmp.resolve("data").toString());
        assertThat(Application.check(new MapEnvSource(good))).isNull();
        Map<String, String> bad = new HashMap<>(good);
        bad.put("CHORUS_AUDIO_QUEUE_SIZE", "lots");
        assertThat(Application.check(new MapEnvSource(bad)))
                .hasMessage("CHORUS_AUDIO_QUEUE_SIZE: \"lots\" is not a whole number between 1 and 10000");
        bad.put("CHORUS_MQTT_PASSWORD_FILE", tmp.resolve("missing").toString());
        assertThat(Application.check(new MapEnvSource(bad)))
                .hasMessageStartingWith(
                        "CHORUS_MQTT_PASSWORD_FILE: \"" + tmp.resolve("missing") + "\" is not a readable file");
        Map<String, String> noDevice = new HashMap<>(good);
        noDevice.put("CHORUS_AUDIO_DEVICE", "no such card 1234");
        assertThat(Application.check(new MapEnvSource(noDevice))).hasMessageStartingWith("CHORUS_AUDIO_DEVICE: ");
    }

    @Test
    void anUnknownSoundDeviceIsAConfigurationError() {
        assertThatThrownBy(() -> DeviceSink.open("no such card 1234"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "CHORUS_AUDIO_DEVICE: no sound output device matches \"no such card 1234\"; output devices: ");
    }
}
