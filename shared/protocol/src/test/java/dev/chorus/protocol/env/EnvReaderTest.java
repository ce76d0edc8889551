package dev.chorus.protocol.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvReaderTest {

    private static final String X = "X_VAR";

    private static EnvReader with(String value) {
        return new EnvReader(new MapEnvSource(Map.of(X, value)));
    }

    private static final EnvReader UNSET = new EnvReader(new MapEnvSource(Map.of()));

    private static void fails(Runnable read, String message) {
        assertThatThrownBy(read::run)
                .isInstanceOf(ConfigException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \t"})
    void emptyOrBlankIsUnset(String blank) {
        EnvReader env = with(blank);
        assertThat(env.isSet(X)).isFalse();
        assertThat(env.text(X, "d")).isEqualTo("d");
        assertThat(env.number(X, 7, 0, 10)).isEqualTo(7);
        assertThat(env.size(X, 9, 0, 10)).isEqualTo(9);
        assertThat(env.bool(X, true)).isTrue();
        assertThat(env.path(X, null)).isNull();
        assertThat(env.duration(X, Duration.ofSeconds(3), Duration.ZERO, Duration.ofHours(1)))
                .hasSeconds(3);
    }

    @Test
    void textIsStrippedAndRefusesControlCharacters() {
        assertThat(with("  kitchen  ").text(X, null)).isEqualTo("kitchen");
        assertThat(with("a b").isSet(X)).isTrue();
        assertThat(UNSET.text(X, null)).isNull();
        fails(() -> with("a\u0007b").text(X, null), "X_VAR: \"a\\u0007b\" is not text without control characters");
    }

    @Test
    void longValuesAreCutInMessages() {
        String message = EnvReader.invalid(X, "y".repeat(500), "short").getMessage();
        assertThat(message)
                .startsWith("X_VAR: \"yyy")
                .endsWith("…\" is not short")
                .hasSize(8 + 200 + 1 + 14);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "42, 42", "' 42 ', 42", "+5, 5", "-1, -1", "1000000, 1000000"})
    void wholeNumbers(String text, long expected) {
        assertThat(with(text).number(X, 99, -1, 1_000_000)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"many", "1.5", "1e3", "0x10", "1_000", "99999999999999999999", "-2", "1000001", "5 5"})
    void badWholeNumbers(String text) {
        fails(
                () -> with(text).number(X, 0, -1, 1_000_000),
                "X_VAR: \"" + text + "\" is not a whole number between -1 and 1000000");
    }

    @Test
    void integerIsNumberAsInt() {
        assertThat(with("65535").integer(X, 0, 1, 65_535)).isEqualTo(65_535);
        fails(
                () -> with("70000").integer(X, 0, 1, 65_535),
                "X_VAR: \"70000\" is not a whole number between 1 and 65535");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "1, 1", "0.25, 0.25", ".5, 0.5", "1e-1, 0.1", "1., 1"})
    void decimals(String text, double expected) {
        assertThat(with(text).decimal(X, 0.5, 0, 1)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loud", "1.5", "-0.1", "NaN", "Infinity", "1d", "0x1p-1", "1,5"})
    void badDecimals(String text) {
        fails(() -> with(text).decimal(X, 0, 0, 1), "X_VAR: \"" + text + "\" is not a number between 0 and 1");
    }

    @ParameterizedTest
    @CsvSource({
        "512, 512",
        "512B, 512",
        "512 b, 512",
        "0, 0",
        "64K, 65536",
        "64k, 65536",
        "64KB, 65536",
        "64KiB, 65536",
        "64 kib, 65536",
        "16M, 16777216",
        "16mb, 16777216",
        "16MiB, 16777216",
        "1G, 1073741824",
        "1gib, 1073741824",
        "1.5M, 1572864",
        "0.5K, 512",
        "1.0001K, 1024",
    })
    void sizes(String text, long expected) {
        assertThat(with(text).size(X, 1, 0, 1L << 40)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10T", "12Q", "-1", "1.5", "K", "64 K B", "1e3", "64iB", "2048G", "big"})
    void badSizes(String text) {
        fails(
                () -> with(text).size(X, 1, 0, 1L << 40),
                "X_VAR: \"" + text + "\" is not a size between 0 and 1024G (examples: 512, 64K, 16M, 1G)");
    }

    @Test
    void sizeBoundsAreShownInTheLargestUnitThatDividesThem() {
        fails(
                () -> with("100").size(X, 0, 1024, 1L << 50),
                "X_VAR: \"100\" is not a size between 1K and 1048576G (examples: 512, 64K, 16M, 1G)");
        fails(
                () -> with("1k").size(X, 0, 1L << 20, 1000),
                "X_VAR: \"1k\" is not a size between 1M and 1000 (examples: 512, 64K, 16M, 1G)");
        assertThat(with("1G").intSize(X, 0, 0, Integer.MAX_VALUE)).isEqualTo(1 << 30);
    }

    @ParameterizedTest
    @CsvSource({
        "30, 30000",
        "30s, 30000",
        "30 S, 30000",
        "500ms, 500",
        "500MS, 500",
        "5m, 300000",
        "1.5h, 5400000",
        "1d, 86400000",
        "0.25, 250",
        "2.5, 2500",
        "0, 0",
    })
    void durations(String text, long millis) {
        assertThat(with(text).duration(X, Duration.ZERO, Duration.ZERO, Duration.ofDays(2)))
                .hasMillis(millis);
    }

    @Test
    void aPlainDurationIsInTheVariablesUnit() {
        assertThat(with("12").duration(X, Duration.ZERO, Duration.ZERO, Duration.ofDays(365), ChronoUnit.HOURS))
                .hasHours(12);
        assertThat(with("30m").duration(X, Duration.ZERO, Duration.ZERO, Duration.ofDays(365), ChronoUnit.HOURS))
                .hasMinutes(30);
        fails(
                () -> with("soon")
                        .duration(X, Duration.ZERO, Duration.ofHours(1), Duration.ofDays(365), ChronoUnit.HOURS),
                "X_VAR: \"soon\" is not a duration between 1h and 365d (examples: 500ms, 30s, 5m, 1h; a plain number is hours)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "-1", "1w", "0.0001", "3d", "1h30m", "PT5S"})
    void badDurations(String text) {
        fails(
                () -> with(text).duration(X, Duration.ZERO, Duration.ZERO, Duration.ofDays(2)),
                "X_VAR: \"" + text + "\" is not a duration between 0s and 2d (examples: 500ms, 30s, 5m, 1h; "
                        + "a plain number is seconds)");
    }

    @Test
    void durationBoundsAreShownInTheLargestUnitThatDividesThem() {
        fails(
                () -> with("0").duration(X, Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(600)),
                "X_VAR: \"0\" is not a duration between 1ms and 10m (examples: 500ms, 30s, 5m, 1h; "
                        + "a plain number is seconds)");
    }

    @Test
    void wholeSeconds() {
        assertThat(with("86400").seconds(X, 0, 0, 4_294_967_295L)).isEqualTo(86_400);
        assertThat(with("2m").seconds(X, 0, 0, 4_294_967_295L)).isEqualTo(120);
        assertThat(UNSET.seconds(X, 30, 1, 3600)).isEqualTo(30);
        fails(
                () -> with("1.5").seconds(X, 0, 1, 3600),
                "X_VAR: \"1.5\" is not a whole number of seconds between 1 and 3600 (examples: 500ms, 30s, 5m, 1h)");
        fails(
                () -> with("0").seconds(X, 0, 1, 3600),
                "X_VAR: \"0\" is not a duration between 1s and 1h (examples: 500ms, 30s, 5m, 1h; a plain number is seconds)");
    }

    @ParameterizedTest
    @CsvSource({
        "true, true",
        "TRUE, true",
        "yes, true",
        "On, true",
        "1, true",
        "false, false",
        "No, false",
        "off, false",
        "0, false"
    })
    void booleans(String text, boolean expected) {
        assertThat(with(text).bool(X, !expected)).isEqualTo(expected);
    }

    @Test
    void badBoolean() {
        fails(() -> with("maybe").bool(X, false), "X_VAR: \"maybe\" is not true or false (also yes/no, on/off, 1/0)");
    }

    enum Level {
        TRACE,
        DEBUG,
        INFO
    }

    @Test
    void enumsAreCaseInsensitiveAndTheErrorListsThem() {
        assertThat(with("debug").choice(X, Level.class, Level.INFO)).isEqualTo(Level.DEBUG);
        assertThat(with("Trace").choice(X, Level.class, Level.INFO)).isEqualTo(Level.TRACE);
        assertThat(UNSET.choice(X, Level.class, Level.INFO)).isEqualTo(Level.INFO);
        fails(
                () -> with("loud").choice(X, Level.class, Level.INFO),
                "X_VAR: \"loud\" is not one of trace, debug, info");
    }

    @ParameterizedTest
    @CsvSource({
        "broker:1883, broker, 1883",
        "10.0.0.5:8080, 10.0.0.5, 8080",
        "'[::1]:1883', '[::1]', 1883",
        "my-host.lan:65535, my-host.lan, 65535"
    })
    void hostPorts(String text, String host, int port) {
        assertThat(with(text).hostPort(X, null)).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "broker",
                "broker:",
                ":1883",
                "broker:0",
                "broker:65536",
                "::1:1883",
                "tcp://broker:1883",
                "a b:1"
            })
    void badHostPorts(String text) {
        fails(
                () -> with(text).hostPort(X, new HostPort("x", 1)),
                "X_VAR: \"" + text + "\" is not a host:port (examples: broker:1883, 10.0.0.5:8080, [::1]:1883)");
    }

    @Test
    void hostPortDefaultAndText() {
        assertThat(UNSET.hostPort(X, new HostPort("broker", 1883))).hasToString("broker:1883");
    }

    @Test
    void uris() {
        Set<String> mqtt = Set.of("tcp", "ssl");
        assertThat(with("ssl://mqtt.example:8883").uri(X, null, mqtt)).isEqualTo(URI.create("ssl://mqtt.example:8883"));
        assertThat(UNSET.uri(X, "tcp://broker:1883", mqtt)).isEqualTo(URI.create("tcp://broker:1883"));
        assertThat(UNSET.uri(X, null, mqtt)).isNull();
        for (String bad : new String[] {
            "xyz",
            "http://broker:1883",
            "tcp://",
            "tcp://broker:99999",
            "tcp://u:p@broker",
            "tcp://bro ker",
            "tcp://broker:0"
        }) {
            fails(() -> with(bad).uri(X, null, mqtt), "X_VAR: \"" + bad + "\" is not a ssl:// or tcp:// URI");
        }
    }

    @Test
    void paths() {
        assertThat(with("/data/x").path(X, null)).isEqualTo(Path.of("/data/x"));
        assertThat(UNSET.path(X, Path.of("/data"))).isEqualTo(Path.of("/data"));
        fails(() -> with("a\u0000b").path(X, null), "X_VAR: \"a\\u0000b\" is not text without control characters");
    }

    @Test
    void files(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("presets.yml"), "x");
        assertThat(with(file.toString()).file(X, "/nope")).isEqualTo(file);
        assertThat(UNSET.file(X, file.toString())).isEqualTo(file);
        fails(() -> UNSET.file(X, null), "X_VAR: not set (it names a file, and there is no default)");
        fails(
                () -> with("/no/such/file").file(X, null),
                "X_VAR: \"/no/such/file\" is not a readable file (there is no such file)");
        fails(
                () -> with(tmp.toString()).file(X, null),
                "X_VAR: \"" + tmp + "\" is not a readable file (it is a folder or a device)");
    }

    @Test
    void secretsAreReadFromTheNamedFileWithoutTrailingLineBreaks(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("pw"), " pass word \r\n\n");
        EnvReader env = new EnvReader(new MapEnvSource(Map.of("X_PASSWORD_FILE", file.toString())));
        assertThat(new String(env.secret("X_PASSWORD_FILE", "/run/secrets/x"), StandardCharsets.UTF_8))
                .isEqualTo(" pass word ");
        assertThat(UNSET.secret("X_PASSWORD_FILE", file.toString())).hasSize(11);
    }

    @Test
    void secretErrors(@TempDir Path tmp) throws Exception {
        fails(
                () -> UNSET.secret("X_PASSWORD_FILE", "/run/secrets/x"),
                "X_PASSWORD_FILE: \"/run/secrets/x\" is not a readable file (there is no such file)");
        Path empty = Files.writeString(tmp.resolve("empty"), "\r\n");
        fails(
                () -> UNSET.secret("X_PASSWORD_FILE", empty.toString()),
                "X_PASSWORD_FILE: \"" + empty + "\" is not a file with a secret (it is empty)");
        fails(
                () -> UNSET.secret("X_PASSWORD_FILE", tmp.toString()),
                "X_PASSWORD_FILE: \"" + tmp + "\" is not a readable file (it is a folder or a device)");
    }

    @Test
    void callersUseTheSameFormatForTheirOwnChecks() {
        assertThat(EnvReader.invalid("CHORUS_X", "a/b", "a site id").getMessage())
                .isEqualTo("CHORUS_X: \"a/b\" is not a site id");
        assertThat(EnvReader.printable("tab\there")).isEqualTo("tab\\u0009here");
    }
}
