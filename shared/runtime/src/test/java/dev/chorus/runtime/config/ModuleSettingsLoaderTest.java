package dev.chorus.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.protocol.env.ConfigException;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.env.MapEnvSource;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModuleSettingsLoaderTest {

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private Path passwordFile;

    @BeforeEach
    void validBase() throws IOException {
        passwordFile = Files.writeString(tmp.resolve("password"), "s3cret\n");
        env.put(EnvVars.MQTT_PASSWORD_FILE, passwordFile.toString());
        env.put(EnvVars.DATA_DIR, tmp.resolve("data").toString());
    }

    @Test
    void defaults() {
        env.put("HOSTNAME", "box-1");
        ModuleSettings s = load();
        assertThat(s.module()).isEqualTo("tts");
        assertThat(s.version()).isEqualTo("1.2.3");
        assertThat(s.mqttUri()).isEqualTo(URI.create("tcp://broker:1883"));
        assertThat(s.mqttUsername()).isEqualTo("tts");
        assertThat(s.mqttClientId()).isEqualTo("tts");
        assertThat(s.mqttPassword().bytes()).isEqualTo("s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(s.sessionExpiry()).isEqualTo(Duration.ofDays(1));
        assertThat(s.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.instance()).isEqualTo("box-1");
        assertThat(s.dataDir()).isEqualTo(tmp.resolve("data")).isDirectory();
        assertThat(s.maxMessageBytes()).isEqualTo(65536);
        assertThat(s.toString()).doesNotContain("s3cret").contains("****");
    }

    @Test
    void everyVariableIsRead() {
        env.put(EnvVars.MQTT_URI, "ssl://mqtt.example:8883");
        env.put(EnvVars.MQTT_USERNAME, "tts-2");
        env.put(EnvVars.MQTT_CLIENT_ID, "tts-kitchen");
        env.put(EnvVars.MQTT_SESSION_EXPIRY, "0");
        env.put(EnvVars.MQTT_RECONNECT_MAX_DELAY, " 5 ");
        env.put(EnvVars.INSTANCE, "kitchen");
        env.put(EnvVars.MAX_MESSAGE_BYTES, "1024");
        ModuleSettings s = load();
        assertThat(s.mqttUri()).isEqualTo(URI.create("ssl://mqtt.example:8883"));
        assertThat(s.mqttUsername()).isEqualTo("tts-2");
        assertThat(s.mqttClientId()).isEqualTo("tts-kitchen");
        assertThat(s.sessionExpiry()).isZero();
        assertThat(s.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.instance()).isEqualTo("kitchen");
        assertThat(s.maxMessageBytes()).isEqualTo(1024);
    }

    @Test
    void emptyValueMeansDefault() {
        env.put(EnvVars.MQTT_URI, "");
        env.put(EnvVars.MQTT_SESSION_EXPIRY, "");
        ModuleSettings s = load();
        assertThat(s.mqttUri().toString()).isEqualTo("tcp://broker:1883");
        assertThat(s.sessionExpiry()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void durationsAndSizesTakeUnits() {
        env.put(EnvVars.MQTT_SESSION_EXPIRY, "7d");
        env.put(EnvVars.MQTT_RECONNECT_MAX_DELAY, "1.5");
        env.put(EnvVars.MAX_MESSAGE_BYTES, "64k");
        ModuleSettings s = load();
        assertThat(s.sessionExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(s.reconnectMaxDelay()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.maxMessageBytes()).isEqualTo(65536);
    }

    @Test
    void blankValuesAndSurroundingBlanks() {
        env.put(EnvVars.MQTT_USERNAME, "  ");
        env.put(EnvVars.MQTT_CLIENT_ID, " tts-kitchen ");
        ModuleSettings s = load();
        assertThat(s.mqttUsername()).isEqualTo("tts");
        assertThat(s.mqttClientId()).isEqualTo("tts-kitchen");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CHORUS_MQTT_URI | xyz | CHORUS_MQTT_URI: \"xyz\" is not a ssl:// or tcp:// URI",
                "CHORUS_MQTT_URI | http://broker:1883 | CHORUS_MQTT_URI: \"http://broker:1883\" is not a ssl:// or tcp:// URI",
                "CHORUS_MQTT_URI | tcp://broker:1883/path | CHORUS_MQTT_URI: \"tcp://broker:1883/path\" is not a ssl:// or tcp:// URI (scheme, host and port only)",
                "CHORUS_MQTT_URI | tcp:// | CHORUS_MQTT_URI: \"tcp://\" is not a",
                "CHORUS_MQTT_URI | tcp://broker:99999 | CHORUS_MQTT_URI: \"tcp://broker:99999\" is not a",
                "CHORUS_MQTT_USERNAME | 'a\u0001b' | CHORUS_MQTT_USERNAME: \"a\\u0001b\" is not text without control characters",
                "CHORUS_MQTT_SESSION_EXPIRY | soon | CHORUS_MQTT_SESSION_EXPIRY: \"soon\" is not a duration between 0s and 4294967295s (examples: 500ms, 30s, 5m, 1h; a plain number is seconds)",
                "CHORUS_MQTT_SESSION_EXPIRY | -1 | CHORUS_MQTT_SESSION_EXPIRY: \"-1\" is not a duration",
                "CHORUS_MQTT_SESSION_EXPIRY | 4294967296 | CHORUS_MQTT_SESSION_EXPIRY: \"4294967296\" is not a duration",
                "CHORUS_MQTT_SESSION_EXPIRY | 1.5 | CHORUS_MQTT_SESSION_EXPIRY: \"1.5\" is not a whole number of seconds between 0 and 4294967295",
                "CHORUS_MQTT_RECONNECT_MAX_DELAY | 0 | CHORUS_MQTT_RECONNECT_MAX_DELAY: \"0\" is not a duration between 1s and 1h",
                "CHORUS_MQTT_RECONNECT_MAX_DELAY | 2h | CHORUS_MQTT_RECONNECT_MAX_DELAY: \"2h\" is not a duration between 1s and 1h",
                "CHORUS_MAX_MESSAGE_BYTES | 0 | CHORUS_MAX_MESSAGE_BYTES: \"0\" is not a size between 1 and 268435455 (examples: 512, 64K, 16M, 1G)",
                "CHORUS_MAX_MESSAGE_BYTES | 1G | CHORUS_MAX_MESSAGE_BYTES: \"1G\" is not a size",
                "CHORUS_MQTT_PASSWORD_FILE | /nonexistent/pw | CHORUS_MQTT_PASSWORD_FILE: \"/nonexistent/pw\" is not a readable file (there is no such file)",
            })
    void badValueNamesTheVariable(String variable, String value, String message) {
        env.put(variable, value);
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void namesAreAtMost256Characters() {
        env.put(EnvVars.INSTANCE, "k".repeat(257));
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("CHORUS_INSTANCE: \"kkk")
                .hasMessageEndingWith("\" is not at most 256 characters long");
    }

    @Test
    void passwordFileMustNotBeEmpty() throws IOException {
        Files.writeString(passwordFile, "\n");
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHORUS_MQTT_PASSWORD_FILE: \"" + passwordFile
                        + "\" is not a file with a secret (it is empty)");
    }

    @Test
    void passwordFileMustBeAFile() {
        env.put(EnvVars.MQTT_PASSWORD_FILE, tmp.toString());
        assertThatThrownBy(this::load)
                .hasMessageStartingWith(
                        "CHORUS_MQTT_PASSWORD_FILE: \"" + tmp + "\" is not a readable file (it is a folder");
    }

    @Test
    void noDefaultPassword() {
        env.remove(EnvVars.MQTT_PASSWORD_FILE);
        // the default path does not exist on a build machine
        assertThatThrownBy(this::load)
                .hasMessageStartingWith(
                        "CHORUS_MQTT_PASSWORD_FILE: \"/run/secrets/mqtt-password\" is not a readable file (there is no such file)");
    }

    @Test
    void onlyTrailingNewlinesAreTrimmed() throws IOException {
        Files.writeString(passwordFile, " pass word \r\n\n");
        assertThat(new String(load().mqttPassword().bytes(), StandardCharsets.UTF_8))
                .isEqualTo(" pass word ");
    }

    @Test
    void dataDirThatCannotBeCreated() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        env.put(EnvVars.DATA_DIR, file.resolve("sub").toString());
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "CHORUS_DATA_DIR: \"" + file.resolve("sub") + "\" is not a folder that can be created (");
    }

    @Test
    void moduleNameIsRequiredAndOneTopicLevel() {
        MapEnvSource source = new MapEnvSource(env);
        assertThatThrownBy(() -> ModuleSettingsLoader.load(source, "", "1"))
                .hasMessage("micronaut.application.name: not set (each module sets it in its application.yml)");
        assertThatThrownBy(() -> ModuleSettingsLoader.load(source, "a/b", "1"))
                .hasMessage(
                        "micronaut.application.name: \"a/b\" is not a module name: 1-64 of [A-Za-z0-9._-], starting with a letter or digit");
    }

    @Test
    void versionDefaultsToDev() {
        assertThat(ModuleSettingsLoader.load(new MapEnvSource(env), "tts", null).version())
                .isEqualTo("dev");
    }

    @Test
    void aSecondCopyOfAModuleTakesAnotherName() {
        env.put(EnvVars.MODULE_NAME, "satellite-kitchen-audio");
        ModuleSettings s = load();
        assertThat(s.module()).isEqualTo("satellite-kitchen-audio");
        assertThat(s.mqttClientId()).isEqualTo("satellite-kitchen-audio");
        assertThat(s.mqttUsername()).isEqualTo("satellite-kitchen-audio");
        env.put(EnvVars.MODULE_NAME, "a/b");
        assertThatThrownBy(this::load)
                .hasMessage(
                        "CHORUS_MODULE_NAME: \"a/b\" is not a module name: 1-64 of [A-Za-z0-9._-], starting with a letter or digit");
    }

    @Test
    void theCaFileIsReadAtStart() throws Exception {
        assertThat(load().mqttCaFile()).isNull();
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "not a certificate\n");
        env.put(EnvVars.MQTT_CA_FILE, notPem.toString());
        assertThatThrownBy(this::load)
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "CHORUS_MQTT_CA_FILE: \"" + notPem + "\" is not a PEM file of CA certificates (");
        env.put(EnvVars.MQTT_CA_FILE, tmp.resolve("missing.pem").toString());
        assertThatThrownBy(this::load).hasMessageContaining("there is no such file");

        Path pem = selfSignedPem();
        env.put(EnvVars.MQTT_CA_FILE, pem.toString());
        assertThat(load().mqttCaFile()).isEqualTo(pem);
    }

    /** A CA certificate as the base's init makes one: the JDK's keytool. */
    private Path selfSignedPem() throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path store = tmp.resolve("ca.p12");
        Path pem = tmp.resolve("ca-cert.pem");
        run(
                keytool,
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-dname",
                "CN=test CA",
                "-ext",
                "bc:c");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-alias",
                "ca",
                "-file",
                pem.toString());
        return pem;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    private ModuleSettings load() {
        return ModuleSettingsLoader.load(new MapEnvSource(env), "tts", "1.2.3");
    }
}
