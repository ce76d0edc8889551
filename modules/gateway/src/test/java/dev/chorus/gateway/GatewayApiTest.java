package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.TestMqttClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every endpoint of the gateway, its errors included, over HTTP, against the testkit's real broker (the repo's
 * ACL), with the other modules as fakes on that broker: {@link FakeTts} (announces its presets, answers voices,
 * speaks tones) and {@link FakeAudioServer} (answers playFinished).
 */
@Timeout(300)
class GatewayApiTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    static FakeTts tts;
    static GatewayHarness.Running gateway;
    static FakeAudioServer audio;
    static String token;

    @BeforeAll
    static void start() {
        tts = FakeTts.start(BROKER);
        audio = FakeAudioServer.start(BROKER);
        gateway =
                GatewayHarness.start(GatewayHarness.gateway(BROKER).env(GatewaySettingsLoader.MAX_TEXT_CHARS, "5000"));
        token = GatewayHarness.token(BROKER);
        // the retained announcement arrives a moment after the gateway subscribed
        await("presets known")
                .until(() -> api().get("/api/presets").json().get("known").asBoolean());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (tts != null) {
            tts.close();
        }
    }

    static Http api() {
        return new Http(gateway.url()).token(token);
    }

    static Http anonymous() {
        return new Http(gateway.url());
    }

    static void assertProblem(Http.Response r, int status, String detailPart) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("detail").asText()).containsIgnoringCase(detailPart);
        assertThat(r.text()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    // ---- access -------------------------------------------------------------------------------------

    @Test
    void onlyHealthAndTheLoginPageAreOpen() {
        Http anon = anonymous();
        assertThat(anon.get("/health").status()).isEqualTo(200);
        Http.Response login = anon.get("/login.html");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.contentType()).startsWith("text/html");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
        assertThat(anon.get("/assets/style.css").status()).isEqualTo(200);

        for (String path : List.of(
                "/api/modules",
                "/api/say",
                "/api/say/x",
                "/api/say/x/audio",
                "/api/voices",
                "/api/presets",
                "/api/events",
                "/api/openapi.yml",
                "/api/token",
                "/api/me",
                "/prometheus",
                "/index.html",
                "/assets/../index.html")) {
            Http.Response r = anon.get(path);
            assertThat(r.status()).as(path + " " + r).isIn(401, 404);
            if (r.status() == 401) {
                assertProblem(r, 401, "log in");
                assertThat(r.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
        }
        assertProblem(anon.postJson("/api/say", "{\"text\":\"hi\"}"), 401, "log in");
        assertProblem(anon.postJson("/api/publish", "{\"topic\":\"a\"}"), 401, "log in");
        // a browser asking for the console is sent to the login page
        Http.Response page =
                anon.send(anon.request("/").header("Accept", "text/html").GET().build());
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login.html");
        // a wrong token is refused, the right one (HMAC of the operator password) works
        assertProblem(anonymous().token("0".repeat(64)).get("/api/modules"), 401, "invalid API token");
        assertThat(api().get("/api/modules").status()).isEqualTo(200);
        assertThat(api().get("/api/me").json().get("via").asText()).isEqualTo("token");
        // the published port: metrics only with the token (docs/configuration.md, "Metrics")
        Http.Response metrics = api().get("/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text()).contains("chorus_mqtt_connected");
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieThatOpensTheConsoleUntilLogout() {
        Http anon = anonymous();
        assertProblem(
                anon.postJson("/api/login", "{\"username\":\"operator\",\"password\":\"wrong-password\"}"),
                401,
                "wrong");
        assertProblem(
                anon.postJson(
                        "/api/login", "{\"username\":\"admin\",\"password\":\"" + BROKER.password("operator") + "\"}"),
                401,
                "wrong");
        assertProblem(anon.postJson("/api/login", "{\"username\":\"operator\"}"), 400, "password");
        assertProblem(anon.postJson("/api/login", "{\"password\":"), 400, "malformed JSON");
        assertProblem(
                anon.post("/api/login", "application/x-www-form-urlencoded", "password=x"), 415, "application/json");

        Http.Response ok = anon.postJson(
                "/api/login", "{\"username\":\"operator\",\"password\":\"" + BROKER.password("operator") + "\"}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        String setCookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie)
                .startsWith("chorus_session=")
                .containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict")
                .contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        Http console = new Http(gateway.url()).cookie(cookie);
        assertThat(console.get("/api/me").json().get("via").asText()).isEqualTo("session");
        Http.Response index = console.send(
                console.request("/").header("Accept", "text/html").GET().build());
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("Chorus");
        assertThat(console.get("/api/token").json().get("token").asText()).isEqualTo(token);
        // state changes with the cookie only from the console's own origin
        Http.Response crossSite = console.send(console.request("/api/publish")
                .header("Content-Type", "application/json")
                .header("Origin", "http://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"topic\":\"hermes/audioServer/toggleOn\",\"payload\":{}}"))
                .build());
        assertThat(crossSite.status()).as(crossSite.toString()).isEqualTo(403);
        Http.Response fetchedCrossSite = console.send(console.request("/api/publish")
                .header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"topic\":\"hermes/audioServer/toggleOn\",\"payload\":{}}"))
                .build());
        assertProblem(fetchedCrossSite, 403, "cross-site");
        // a forged cookie is nothing
        assertThat(new Http(gateway.url())
                        .cookie(cookie.substring(0, cookie.length() - 2) + "AA")
                        .get("/api/me")
                        .status())
                .isEqualTo(401);

        assertThat(console.post("/api/logout", "application/json", "{}").status())
                .isEqualTo(204);
        assertThat(console.get("/api/me").status()).isEqualTo(401);
    }

    // ---- modules ------------------------------------------------------------------------------------

    @Test
    void modulesListsEveryModuleOnlineWithVersionAndUptime() {
        await().until(() -> modules().size() >= 2);
        JsonNode modules = api().get("/api/modules").json().get("modules");
        List<String> names = StreamSupport.stream(modules.spliterator(), false)
                .map(m -> m.get("module").asText())
                .toList();
        assertThat(names).contains("tts", "gateway");
        for (JsonNode m : modules) {
            if (List.of("tts", "gateway").contains(m.get("module").asText())) {
                assertThat(m.get("online").asBoolean()).isTrue();
                assertThat(m.get("state").asText()).isEqualTo("online");
                assertThat(m.get("version").asText()).isEqualTo("test");
                assertThat(m.get("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
                assertThat(m.get("since").asText()).isNotBlank();
            }
        }
    }

    private static List<String> modules() {
        JsonNode modules = api().get("/api/modules").json().get("modules");
        return StreamSupport.stream(modules.spliterator(), false)
                .filter(m -> m.get("online").asBoolean())
                .map(m -> m.get("module").asText())
                .toList();
    }

    // ---- say ----------------------------------------------------------------------------------------

    @Test
    void sayProducesAudioThroughTheTtsModuleAndKeepsItsWav() {
        try (TestMqttClient operator =
                TestMqttClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY)) {
            Http.Response accepted = api().postJson(
                            "/api/say",
                            "{\"text\":\"Hello from the gateway. This is a second sentence.\",\"siteId\":\"kitchen\",\"voice\":\"cmu-slt-hsmm\",\"preset\":\"fast\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String id = accepted.json().get("id").asText();
            assertThat(accepted.headers().firstValue("Location")).hasValue("/api/say/" + id);

            // what went over MQTT: a Hermes say with the Chorus voice/preset keys
            JsonNode say = readJson(operator.await(Topics.TTS_SAY).text());
            assertThat(say.get("id").asText()).isEqualTo(id);
            assertThat(say.get("siteId").asText()).isEqualTo("kitchen");
            assertThat(say.get("voice").asText()).isEqualTo("cmu-slt-hsmm");
            assertThat(say.get("preset").asText()).isEqualTo("fast");

            await().until(
                            () -> api().get("/api/say/" + id)
                                    .json()
                                    .get("state")
                                    .asText(),
                            s -> s.equals("finished") || s.equals("failed"));
            JsonNode status = api().get("/api/say/" + id).json();
            assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("finished");
            assertThat(status.hasNonNull("error")).isFalse();
            await().until(() -> api().get("/api/say/" + id)
                    .json()
                    .get("audio")
                    .get("state")
                    .asText()
                    .equals("ready"));
            JsonNode audioInfo = api().get("/api/say/" + id).json().get("audio");
            assertThat(audioInfo.get("durationMs").asLong()).isGreaterThan(1000);

            Http.Response wav = api().get("/api/say/" + id + "/audio");
            assertThat(wav.status()).isEqualTo(200);
            assertThat(wav.contentType()).isEqualTo("audio/wav");
            assertThat(new String(wav.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            ByteBuffer header = ByteBuffer.wrap(wav.body()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(header.getInt(40)).as("data length covers the file").isEqualTo(wav.body().length - 44);
            assertThat(audioInfo.get("bytes").asInt()).isEqualTo(wav.body().length);
            // two sentences: two playBytes (each answered before the tts sent sayFinished), joined into one WAV
            assertThat(audio.plays()).isGreaterThanOrEqualTo(2);
            assertThat(audioInfo.get("durationMs").asLong()).isEqualTo(2L * FakeTts.SENTENCE_MS);

            JsonNode recent = api().get("/api/say").json().get("says");
            assertThat(recent.get(0).get("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void aSayOnSeveralSitesGoesOutAsOneChorusSayAndFinishesWithTheLastSite() {
        try (TestMqttClient tts = TestMqttClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_SITES)) {
            Http.Response accepted = api().postJson(
                            "/api/say",
                            "{\"text\":\"Dinner is ready.\",\"siteIds\":[\"diner\",\"loft\"],\"preset\":\"fast\"}");
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String id = accepted.json().get("id").asText();

            JsonNode say = readJson(tts.await(Topics.TTS_SAY_SITES).text());
            assertThat(say.get("id").asText()).isEqualTo(id);
            assertThat(say.get("siteIds")).hasSize(2);
            assertThat(say.get("siteIds").get(0).asText()).isEqualTo("diner");
            assertThat(say.get("siteIds").get(1).asText()).isEqualTo("loft");
            assertThat(say.get("preset").asText()).isEqualTo("fast");
            // what the tts module answers: the same audio on each site (the gateway keeps the first site's), then a
            // sayFinished per site (after the audio is in: playBytes and sayFinished have listeners of their own)
            tts.publish(Topics.playBytes("loft", id), FakeTts.tone(100), 1, false);
            tts.publish(Topics.playBytes("diner", id), FakeTts.tone(200), 1, false);
            await().until(
                            () -> api().get("/api/say/" + id)
                                    .json()
                                    .get("audio")
                                    .get("state")
                                    .asText(),
                            "ready"::equals);
            assertThat(api().get("/api/say/" + id)
                            .json()
                            .get("audio")
                            .get("durationMs")
                            .asLong())
                    .isEqualTo(200);
            for (String site : List.of("diner", "loft")) {
                tts.publishJson(Topics.TTS_SAY_FINISHED, new TtsSayFinished(site, id, null));
            }
            await().until(() -> api().get("/api/say/" + id).json().get("state").asText(), "finished"::equals);
            JsonNode status = api().get("/api/say/" + id).json();
            assertThat(status.get("siteId").asText()).isEqualTo("diner");
            assertThat(status.get("siteIds").get(1).asText()).isEqualTo("loft");
        }
    }

    @Test
    void aSayTheTtsModuleRefusesIsFailedWithItsErrorAndHasNoAudio() {
        Http.Response accepted = api().postJson("/api/say", "{\"text\":\"" + "word ".repeat(600) + "\"}");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        await().until(() -> api().get("/api/say/" + id).json().get("state").asText(), s -> s.equals("failed"));
        JsonNode status = api().get("/api/say/" + id).json();
        assertThat(status.get("error").asText()).contains("invalid-request");
        // "failed" may come from the error alone: the gateway handles hermes/error/tts and sayFinished on two
        // listeners (two topics, no order between them); the audio is "none" once sayFinished is handled too
        await().until(
                        () -> api().get("/api/say/" + id)
                                .json()
                                .get("audio")
                                .get("state")
                                .asText(),
                        "none"::equals);
        assertProblem(api().get("/api/say/" + id + "/audio"), 409, "no audio");
    }

    @Test
    void badSayRequestsAreProblems() {
        Http api = api();
        assertProblem(api.postJson("/api/say", "{\"text\": \"unterminated"), 400, "malformed JSON");
        assertProblem(api.postJson("/api/say", "[\"text\"]"), 400, "JSON object");
        assertProblem(api.postJson("/api/say", ""), 400, "empty body");
        assertProblem(api.postJson("/api/say", "{\"text\": 5}"), 400, "text: must be a string");
        assertProblem(api.postJson("/api/say", "{\"siteId\": \"kitchen\"}"), 400, "text: required");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"voice\": true}"), 400, "voice");
        assertProblem(api.post("/api/say", "text/plain", "hello"), 415, "application/json");
        assertProblem(api.postJson("/api/say", "{\"text\": \"   \"}"), 422, "text: must not be empty");
        assertProblem(api.postJson("/api/say", "{\"text\": \"" + "a".repeat(5001) + "\"}"), 422, "longer than 5000");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"siteId\": \"a/b\"}"), 422, "siteId");
        assertProblem(
                api.postJson("/api/say", "{\"text\": \"hi\", \"siteId\": \"a\", \"siteIds\": [\"b\"]}"),
                422,
                "siteId or siteIds, not both");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"siteIds\": []}"), 422, "at least one site");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"siteIds\": [\"a\", \"a\"]}"), 422, "twice");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"siteIds\": [\"a\", \"b/c\"]}"), 422, "\"b/c\"");
        assertProblem(api.postJson("/api/say", "{\"text\": \"hi\", \"siteIds\": \"a\"}"), 400, "siteIds");
        Http.Response voice = api.postJson("/api/say", "{\"text\": \"hi\", \"voice\": \"nobody\"}");
        assertProblem(voice, 422, "unknown voice \"nobody\"");
        assertThat(voice.json().get("errors").get(0).get("field").asText()).isEqualTo("voice");
        Http.Response preset = api.postJson("/api/say", "{\"text\": \"hi\", \"preset\": \"loud\"}");
        assertProblem(preset, 422, "unknown preset \"loud\"");
        assertThat(preset.json().get("detail").asText()).contains("default", "slow", "fast", "robot");
        assertProblem(api.postJson("/api/say", "{\"text\": \"" + "a".repeat(1_100_000) + "\"}"), 413, "too large");
        assertProblem(api.get("/api/say/no-such-id"), 404, "no-such-id");
        assertProblem(api.get("/api/say/no-such-id/audio"), 404, "no-such-id");
        assertProblem(api.get("/api/nothing-here"), 404, "");
    }

    @Test
    void voicesComeFromGetVoicesAndPresetsFromTheTtsModulesAnnouncement() {
        JsonNode voices = api().get("/api/voices").json().get("voices");
        assertThat(voices.get(0).get("voiceId").asText()).isEqualTo("cmu-slt-hsmm");
        JsonNode presets = api().get("/api/presets").json();
        assertThat(presets.get("known").asBoolean()).isTrue();
        assertThat(presets.get("defaultPreset").asText()).isEqualTo("default");
        List<String> names = StreamSupport.stream(presets.get("presets").spliterator(), false)
                .map(p -> p.get("name").asText())
                .toList();
        assertThat(names).containsExactlyElementsOf(FakeTts.PRESETS.names());
        assertThat(presets.get("presets").get(1).get("description").asText()).isEqualTo("about 25% slower");
    }

    // ---- publish ------------------------------------------------------------------------------------

    @Test
    void publishGoesOutAsTheGatewayWithinItsAcl() {
        try (TestMqttClient operator =
                TestMqttClient.connect(BROKER, "operator").subscribe("hermes/audioServer/toggleOff")) {
            Http.Response ok = api().postJson(
                            "/api/publish",
                            "{\"topic\":\"hermes/audioServer/toggleOff\",\"payload\":{\"siteId\":\"attic\"}}");
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            assertThat(ok.json().get("acknowledged").asBoolean()).isTrue();
            assertThat(readJson(operator.await("hermes/audioServer/toggleOff").text())
                            .get("siteId")
                            .asText())
                    .isEqualTo("attic");

            operator.clear();
            assertThat(api().postJson(
                                    "/api/publish",
                                    "{\"topic\":\"hermes/audioServer/toggleOff\",\"payload\":\"plain text\",\"qos\":0}")
                            .status())
                    .isEqualTo(200);
            assertThat(operator.await("hermes/audioServer/toggleOff").text()).isEqualTo("plain text");
        }
        assertProblem(
                api().postJson("/api/publish", "{\"topic\":\"hermes/nlu/intentParsed\",\"payload\":{}}"), 403, "ACL");
        assertProblem(
                api().postJson("/api/publish", "{\"topic\":\"chorus/status/tts\",\"payload\":\"\"}"), 403, "refused");
        assertProblem(api().postJson("/api/publish", "{\"topic\":\"hermes/#\"}"), 422, "wildcards");
        assertProblem(api().postJson("/api/publish", "{\"topic\":\"\"}"), 422, "topic");
        assertProblem(api().postJson("/api/publish", "{\"topic\":\"a/b\",\"qos\":3}"), 422, "qos");
        assertProblem(api().postJson("/api/publish", "{\"topic\":\"a/b\",\"qos\":\"1\"}"), 400, "qos");
        assertProblem(api().postJson("/api/publish", "{\"topic\":\"a/b\",\"payloadBase64\":\"***\"}"), 422, "base64");
        assertProblem(api().postJson("/api/publish", "{\"payload\":1}"), 400, "topic");
    }

    // ---- events -------------------------------------------------------------------------------------

    @Test
    void eventsStreamTheMqttTrafficWithBinaryPayloadsSummarised() throws Exception {
        try (SseClient sse = new SseClient(
                        api(),
                        "/api/events?topic=hermes/audioServer/%2B/audioFrame&topic=rhasspy/audioServer/setVolume");
                TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")) {
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.contentType).startsWith("text/event-stream");
            await().until(() -> !sse.events("subscribed").isEmpty());
            assertThat(sse.events("subscribed").get(0).json().get("filters").toString())
                    .contains("hermes/audioServer/+/audioFrame");

            operator.publish("rhasspy/audioServer/setVolume", "{\"volume\":0.5,\"siteId\":\"den\"}");
            byte[] wav = Wav.write(PcmFormat.mono16(16000), new byte[16000 * 2 / 4]); // 250 ms
            operator.publish("hermes/audioServer/den/audioFrame", wav);
            operator.publish("hermes/audioServer/den/audioFrame", new byte[] {0, 1, 2, (byte) 0xff});

            await().until(() -> sse.events("message").size() >= 3);
            // MQTT orders each topic, not two topics among each other: look the messages up by topic
            List<JsonNode> setVolume = messagesOn(sse, "rhasspy/audioServer/setVolume");
            List<JsonNode> frames = messagesOn(sse, "hermes/audioServer/den/audioFrame");
            assertThat(setVolume).hasSize(1);
            assertThat(frames).hasSize(2);
            JsonNode json = setVolume.get(0);
            assertThat(json.get("format").asText()).isEqualTo("json");
            assertThat(json.get("json").get("volume").asDouble()).isEqualTo(0.5);
            JsonNode audioFrame = frames.get(0); // one topic, one publisher: in publishing order
            assertThat(audioFrame.get("format").asText()).isEqualTo("binary");
            assertThat(audioFrame.get("bytes").asInt()).isEqualTo(wav.length);
            assertThat(audioFrame.get("wav").get("durationMs").asLong()).isEqualTo(250);
            assertThat(audioFrame.get("wav").get("sampleRate").asInt()).isEqualTo(16000);
            assertThat(audioFrame.has("json")).isFalse();
            JsonNode raw = frames.get(1);
            assertThat(raw.get("format").asText()).isEqualTo("binary");
            assertThat(raw.get("bytes").asInt()).isEqualTo(4);
            assertThat(raw.has("wav")).isFalse();
        }
        // closing the stream gives its slot back
        EventStreams streams = gateway.context().getBean(EventStreams.class);
        await().until(() -> streams.openStreams() == 0);
    }

    @Test
    void eventsRefuseWhatTheAclForbidsAndBadFilters() {
        try (SseClient all = new SseClient(api(), "/api/events?topic=%23")) {
            assertThat(all.status).isEqualTo(403);
        }
        try (SseClient bad = new SseClient(api(), "/api/events?topic=hermes/%23/x")) {
            assertThat(bad.status).isEqualTo(422);
        }
        try (SseClient anon = new SseClient(anonymous(), "/api/events")) {
            assertThat(anon.status).isEqualTo(401);
        }
        assertProblem(api().get("/api/events?topic=chorus/reply/x/%23"), 403, "refused");
    }

    // ---- OpenAPI ------------------------------------------------------------------------------------

    @Test
    void servesItsOpenApiDocumentCoveringEveryEndpoint() {
        Http.Response doc = api().get("/api/openapi.yml");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.text())
                .startsWith("openapi: 3.")
                .contains(
                        "/api/say:",
                        "/api/say/{id}:",
                        "/api/say/{id}/audio:",
                        "/api/modules:",
                        "/api/events:",
                        "/api/publish:",
                        "/api/login:",
                        "/api/logout:",
                        "/api/token:",
                        "/api/voices:",
                        "/api/presets:",
                        "/api/intent:",
                        "/api/sessions:",
                        "/api/templates:",
                        "/api/me:",
                        "application/problem+json");
    }

    private static List<JsonNode> messagesOn(SseClient sse, String topic) {
        return sse.events("message").stream()
                .map(SseClient.SseEvent::json)
                .filter(m -> m.get("topic").asText().equals(topic))
                .toList();
    }

    private static JsonNode readJson(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
