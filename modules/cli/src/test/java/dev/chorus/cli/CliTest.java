package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.GetVoices;
import dev.chorus.protocol.messages.ModuleStatus;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.protocol.messages.TtsSaySites;
import dev.chorus.protocol.messages.Voices;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TestMqttClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every command against the real in-process broker with the repository's ACL, as the {@code cli} principal. */
@Timeout(120)
class CliTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static final JsonCodec JSON = JsonCodec.standalone();

    record Result(int code, String out, String err) {}

    private static Result cli(final String... args) {
        return cliWithStdin(new byte[0], args);
    }

    private static Result cliWithStdin(final byte[] stdin, final String... args) {
        final Map<String, String> env = new HashMap<>();
        env.put("CHORUS_MQTT_URI", BROKER.uri());
        env.put("CHORUS_MQTT_PASSWORD_FILE", BROKER.passwordFile("cli").toString());
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(
                env::get,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin),
                args);
        return new Result(code, out.toString(), err.toString());
    }

    private static CompletableFuture<Result> cliAsync(final String... args) {
        return CompletableFuture.supplyAsync(() -> cli(args));
    }

    private static void assertOneErrorLine(final Result r, final int code, final String contains) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.err().strip()).doesNotContain("\n").doesNotContain("\tat ").contains(contains);
    }

    private static void publishStatus(final String module, final String state, final Instant since) {
        try (TestMqttClient m = TestMqttClient.connect(BROKER, module)) {
            m.publish(
                    Topics.status(module),
                    JSON.encode(ModuleStatus.of(module, module + "-1", "1.2.3", state, since)),
                    1,
                    true);
        }
    }

    static byte[] wav(final int dataBytes) {
        final byte[] data = new byte[dataBytes];
        for (int i = 0; i < dataBytes; i++) {
            data[i] = (byte) i;
        }
        return Wav.write(PcmFormat.mono16(16_000), data);
    }

    // ---- status / wait ------------------------------------------------------------------------------

    @Test
    void statusListsModulesFromRetainedStatus() {
        publishStatus("tts", ModuleStatus.ONLINE, Instant.now().minusSeconds(90));
        publishStatus("audio", ModuleStatus.OFFLINE, Instant.now());

        final Result r = cli("status");

        assertThat(r.code()).as(r.toString()).isZero();
        final List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("MODULE").contains("STATE", "VERSION", "INSTANCE", "SINCE", "UPTIME");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("tts ")
                        .contains("online", "1.2.3", "tts-1")
                        // 90 s when published; the command may take a while on a loaded machine: up to 2 minutes is
                        // fine
                        .containsPattern(" 1m[3-5]\\ds$"));
        assertThat(lines)
                .anySatisfy(l ->
                        assertThat(l).startsWith("audio ").contains("offline").endsWith("-"));
    }

    @Test
    void waitReturnsZeroOnceModulesAreOnline() {
        publishStatus("tts", ModuleStatus.ONLINE, Instant.now());
        publishStatus("audio", ModuleStatus.OFFLINE, Instant.now());
        final CompletableFuture<Result> waiting = cliAsync("wait", "tts", "audio", "--timeout", "30");

        publishStatus("audio", ModuleStatus.ONLINE, Instant.now());

        final Result r = waiting.join();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("online: tts audio");
    }

    @Test
    void waitTimesOutWithOneLineNamingTheMissingModule() {
        publishStatus("tts", ModuleStatus.ONLINE, Instant.now());
        final Result r = cli("wait", "tts", "gateway", "--timeout", "1");
        assertOneErrorLine(r, 1, "gateway (unknown)");
        assertThat(r.err()).doesNotContain("tts (");
    }

    // ---- pub / sub ----------------------------------------------------------------------------------

    @Test
    void pubPublishesTextAndStdin() {
        try (TestMqttClient watcher = TestMqttClient.connect(BROKER, "operator").subscribe("hermes/test/pub/#")) {
            assertThat(cli("pub", "hermes/test/pub/a", "hello there", "--qos", "2")
                            .code())
                    .isZero();
            assertThat(watcher.await("hermes/test/pub/a").text()).isEqualTo("hello there");

            final byte[] binary = {0, 1, 2, (byte) 0xff};
            assertThat(cliWithStdin(binary, "pub", "hermes/test/pub/b", "-", "--retain")
                            .code())
                    .isZero();
            final TestMqttClient.Received b = watcher.await("hermes/test/pub/b");
            assertThat(b.payload()).containsExactly(binary);
        }
    }

    @Test
    void pubOutsideTheAclFailsWithOneLine() {
        assertOneErrorLine(cli("pub", "chorus/status/tts", "x"), 1, "chorus/status/tts");
    }

    @Test
    void subPrintsCountMessagesAndSummarisesBinary() {
        try (TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")) {
            operator.publish("hermes/test/sub/a", "{\"x\": 1}".getBytes(StandardCharsets.UTF_8), 1, true);
            operator.publish("hermes/test/sub/b", wav(32_000), 1, true);
        }

        final Result r = cli("sub", "hermes/test/sub/#", "--count", "2", "--timeout", "20");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out().lines().toList())
                .containsExactlyInAnyOrder(
                        "hermes/test/sub/a {\"x\": 1}", "hermes/test/sub/b <32044 bytes, WAV 1.00 s>");
    }

    @Test
    void subPrintsLiveMessages() {
        final CompletableFuture<Result> sub = cliAsync("sub", "hermes/test/live", "--count", "1", "--timeout", "30");
        try (TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                operator.publish("hermes/test/live", "ping");
                return sub.isDone();
            });
        }
        final Result r = sub.join();
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("hermes/test/live ping" + System.lineSeparator());
    }

    @Test
    void subTimeoutIsZeroWithoutCountAndOneWhenCountIsNotReached() {
        assertThat(cli("sub", "hermes/test/quiet", "--timeout", "0.5").code()).isZero();
        assertOneErrorLine(cli("sub", "hermes/test/quiet", "--count", "3", "--timeout", "0.5"), 1, "0 of 3");
    }

    // ---- say / voices -------------------------------------------------------------------------------

    @Test
    void saySendsTheRequestWaitsForSayFinishedAndSavesTheJoinedWav(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("out.wav");
        try (TestMqttClient tts = TestMqttClient.connect(BROKER, "tts").subscribe(Topics.TTS_SAY)) {
            final CompletableFuture<Result> say = cliAsync(
                    "say",
                    "Hello.",
                    "World.",
                    "--site",
                    "kitchen",
                    "--voice",
                    "cmu-slt",
                    "--preset",
                    "calm",
                    "--save",
                    file.toString());

            final TestMqttClient.Received request = tts.await(Topics.TTS_SAY);
            @SuppressWarnings("unchecked")
            final Map<String, Object> json = JSON.mapper().readValue(request.payload(), Map.class);
            assertThat(json)
                    .containsEntry("text", "Hello. World.")
                    .containsEntry("siteId", "kitchen")
                    .containsEntry("voice", "cmu-slt")
                    .containsEntry("preset", "calm");
            final String id = (String) json.get("id");
            tts.publish(Topics.playBytes("kitchen", "someone-else"), wav(10));
            tts.publish(Topics.playBytes("kitchen", id + "-0"), wav(100));
            tts.publish(Topics.playBytes("kitchen", id), wav(50));
            tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished("kitchen", "someone-else", null));
            tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished("kitchen", id, null));

            final Result r = say.join();
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().strip()).isEqualTo(id);
            final Wav.Audio saved = Wav.parse(Files.readAllBytes(file));
            assertThat(saved.samples()).hasSize(150);
            assertThat(saved.format()).isEqualTo(PcmFormat.mono16(16_000));
        }
    }

    @Test
    void sayOnSeveralSitesSendsOneChorusSayAndWaitsForTheSayFinishedOfEach(@TempDir final Path dir) throws Exception {
        final Path file = dir.resolve("first.wav");
        try (TestMqttClient tts = TestMqttClient.connect(BROKER, "tts").subscribe(Topics.TTS_SAY_SITES)) {
            final CompletableFuture<Result> say =
                    cliAsync("say", "Dinner", "is", "ready.", "--site", "kitchen, attic", "--save", file.toString());

            final TtsSaySites request = tts.await(Topics.TTS_SAY_SITES).json(TtsSaySites.class);
            assertThat(request.text()).isEqualTo("Dinner is ready.");
            assertThat(request.siteIds()).containsExactly("kitchen", "attic");
            final String id = request.id();
            tts.publish(Topics.playBytes("attic", id), wav(30));
            tts.publish(Topics.playBytes("kitchen", id), wav(40));
            tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished("kitchen", id, null));
            // one site finished is not the say finished
            assertThat(cli("sub", "hermes/test/quiet", "--timeout", "0.5").code())
                    .isZero();
            assertThat(say).isNotDone();
            tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished("attic", id, null));

            final Result r = say.join();
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().strip()).isEqualTo(id);
            assertThat(Wav.parse(Files.readAllBytes(file)).samples())
                    .as("the audio of the first site (kitchen: 40 bytes, attic: 30)")
                    .hasSize(40);
        }
    }

    @Test
    void sayRefusesAnEmptyOrRepeatedSite() {
        assertOneErrorLine(cli("say", "Hi", "--site", "kitchen,,attic"), 2, "--site: an empty site");
        assertOneErrorLine(cli("say", "Hi", "--site", "kitchen,kitchen"), 2, "--site: kitchen is named twice");
        assertOneErrorLine(cli("say", "Hi", "--site", "kitchen,a/b"), 2, "free of / + #");
    }

    @Test
    void sayReportsTheTtsErrorForItsId() {
        try (TestMqttClient tts = TestMqttClient.connect(BROKER, "tts").subscribe(Topics.TTS_SAY)) {
            final CompletableFuture<Result> say = cliAsync("say", "Hi", "--id", "req-7");
            tts.await(Topics.TTS_SAY);
            tts.publish(
                    Topics.ERROR_TTS,
                    "{\"error\": \"unknown-voice: nope\", \"siteId\": \"default\", \"context\": \"req-7\", \"sessionId\": null}");
            tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished("default", "req-7", null));
            assertOneErrorLine(say.join(), 1, "unknown-voice: nope");
        }
    }

    @Test
    void sayTimesOutWithoutATtsModule() {
        assertOneErrorLine(cli("say", "anyone?", "--timeout", "0.5"), 1, "no sayFinished");
    }

    @Test
    void voicesListsTheAnswerWithTheMatchingId() {
        try (TestMqttClient tts = TestMqttClient.connect(BROKER, "tts").subscribe(Topics.TTS_GET_VOICES)) {
            final CompletableFuture<Result> voices = cliAsync("voices");
            final GetVoices request = tts.await(Topics.TTS_GET_VOICES).json(GetVoices.class);
            tts.publishJson(Topics.TTS_VOICES, new Voices(List.of(new Voices.Voice("wrong", "x")), "other-id", null));
            tts.publishJson(
                    Topics.TTS_VOICES,
                    new Voices(
                            List.of(
                                    new Voices.Voice("cmu-slt", "en_US, female"),
                                    new Voices.Voice("dfki-spike", "en_GB, male")),
                            request.id(),
                            null));

            final Result r = voices.join();
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(r.out().lines().toList())
                    .containsExactly("cmu-slt     en_US, female", "dfki-spike  en_GB, male");
        }
    }

    // ---- errors and help ----------------------------------------------------------------------------

    @Test
    void badOptionsExitTwoWithOneLine() {
        assertOneErrorLine(cli("status", "--bogus"), 2, "--bogus");
        assertOneErrorLine(cli("pub", "hermes/x", "y", "--qos", "7"), 2, "--qos");
        assertOneErrorLine(cli("sub", "hermes/x", "--count", "many"), 2, "--count");
        assertOneErrorLine(cli("frobnicate"), 2, "frobnicate");
        assertOneErrorLine(cli(), 2, "missing command");
        assertOneErrorLine(cli("status", "--password-file", "/nonexistent/pw"), 2, "--password-file");
        assertOneErrorLine(cli("status", "--uri", "http://x"), 2, "--uri");
    }

    @Test
    void unreachableBrokerExitsOneWithOneLine() {
        assertOneErrorLine(
                cli("status", "--uri", "tcp://127.0.0.1:1", "--connect-timeout", "2"),
                1,
                "cannot connect to tcp://127.0.0.1:1");
    }

    @Test
    void wrongPasswordExitsOneWithOneLine(@TempDir final Path dir) throws Exception {
        final Path pw = Files.writeString(dir.resolve("pw"), "wrong\n");
        assertOneErrorLine(cli("status", "--password-file", pw.toString()), 1, "refused the login");
    }

    @Test
    void everyCommandHasHelpWithExitCodes() {
        for (final String command : List.of("say", "pub", "sub", "status", "wait", "voices")) {
            final Result r = cli(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: chorus " + command, "Exit codes:", "--uri");
        }
        assertThat(cli("--help").out()).contains("say", "pub", "sub", "status", "wait", "voices", "Exit codes:");
    }
}
