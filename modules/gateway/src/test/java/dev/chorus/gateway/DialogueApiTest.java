package dev.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testkit.InProcessBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /api/intent} and {@code /api/sessions} over HTTP against the real broker, with fakes of the nlu module (knows
 * one sentence) and the dialogue module (starts the first session of a site, queues the next).
 */
@Timeout(300)
class DialogueApiTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    static DialogueFakes fakes;
    static GatewayHarness.Running gateway;

    @BeforeAll
    static void start() {
        fakes = new DialogueFakes(BROKER);
        gateway = GatewayHarness.start(GatewayHarness.gateway(BROKER));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, fakes}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Http api() {
        return new Http(gateway.url()).token(GatewayHarness.token(BROKER));
    }

    @Test
    void intentGivesTheIntentAndItsSlots() {
        Http.Response r =
                api().postJson("/api/intent", "{\"text\": \"turn on the kitchen light\", \"siteId\": \"kitchen\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("recognized").asBoolean()).isTrue();
        assertThat(json.at("/intent/intentName").asText()).isEqualTo("ChangeLightState");
        assertThat(json.at("/slots/0/slotName").asText()).isEqualTo("name");
        assertThat(json.at("/slots/0/value/value").asText()).isEqualTo("kitchen");
    }

    @Test
    void anUnknownSentenceOrAFilteredIntentIsNotRecognized() {
        assertThat(api().postJson("/api/intent", "{\"text\": \"how old are you\"}")
                        .json()
                        .get("recognized")
                        .asBoolean())
                .isFalse();
        Http.Response filtered = api().postJson(
                        "/api/intent", "{\"text\": \"turn on the kitchen light\", \"intentFilter\": [\"GetTime\"]}");
        assertThat(filtered.json().get("recognized").asBoolean()).isFalse();
        assertThat(filtered.json().get("intent").isNull()).isTrue();
    }

    @Test
    void badIntentRequestsAreProblems() {
        GatewayApiTest.assertProblem(api().postJson("/api/intent", "{}"), 400, "text");
        GatewayApiTest.assertProblem(api().postJson("/api/intent", "{\"text\": \" \"}"), 422, "text");
        GatewayApiTest.assertProblem(
                api().postJson("/api/intent", "{\"text\": \"hi\", \"intentFilter\": \"GetTime\"}"),
                400,
                "intentFilter");
        GatewayApiTest.assertProblem(
                api().postJson("/api/intent", "{\"text\": \"hi\", \"siteId\": \"a/b\"}"), 422, "siteId");
    }

    @Test
    void aStartedSessionShowsUpWithWhatWasHeardAndUnderstood() {
        Http.Response r = api().postJson("/api/sessions", "{\"siteId\": \"kitchen\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        String id = r.json().get("sessionId").asText();
        assertThat(r.json().get("state").asText()).isEqualTo("started");
        await().untilAsserted(() -> {
            JsonNode kitchen = api().get("/api/sessions").json().at("/sites/kitchen");
            JsonNode session = find(kitchen, id);
            assertThat(session).isNotNull();
            assertThat(session.path("state").asText()).isEqualTo("ended");
            assertThat(session.path("reason").asText()).isEqualTo("nominal");
            assertThat(session.path("heard").asText()).isEqualTo("turn on the kitchen light");
            assertThat(session.path("intent").asText()).isEqualTo("ChangeLightState");
        });
    }

    @Test
    void notificationsAndQueuedSessionsAreAnswered() {
        Http.Response n = api().postJson(
                        "/api/sessions",
                        "{\"siteId\": \"hall\", \"notification\": true, \"text\": \"dinner is ready\"}");
        assertThat(n.status()).as(n.toString()).isEqualTo(202);
        assertThat(n.json().get("siteId").asText()).isEqualTo("hall");
        Http.Response q = api().postJson("/api/sessions", "{\"siteId\": \"hall\", \"text\": \"busy\"}");
        assertThat(q.json().get("state").asText()).isEqualTo("queued");
        GatewayApiTest.assertProblem(
                api().postJson("/api/sessions", "{\"notification\": true}"), 422, "notification needs a text");
        GatewayApiTest.assertProblem(
                api().postJson("/api/sessions", "{\"canBeEnqueued\": \"yes\"}"), 400, "canBeEnqueued");
    }

    @Test
    void templatesAreReadAndReplacedAndABadSetIsRefusedWithItsLine() {
        Http.Response got = api().get("/api/templates");
        assertThat(got.status()).as(got.toString()).isEqualTo(200);
        assertThat(got.json().get("layer").asText()).isEqualTo("builtin");
        assertThat(got.json().at("/files/sentences.ini").asText()).contains("[ChangeLightState]");

        Http.Response bad =
                api().put("/api/templates", "{\"files\": {\"sentences.ini\": \"[GetTime]\\nwhat ((time is it\\n\"}}");
        GatewayApiTest.assertProblem(bad, 422, "sentences.ini:2: unbalanced (");
        assertThat(bad.json().at("/errors/0/line").asInt()).isEqualTo(2);
        assertThat(api().get("/api/templates").json().get("layer").asText()).isEqualTo("builtin");

        Http.Response ok =
                api().put("/api/templates", "{\"files\": {\"sentences.ini\": \"[GetTime]\\nwhat time is it\\n\"}}");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("ok").asBoolean()).isTrue();
        assertThat(api().get("/api/templates").json().get("layer").asText()).isEqualTo("data");

        assertThat(api().put("/api/templates", "{\"files\": {}}")
                        .json()
                        .get("ok")
                        .asBoolean())
                .isTrue();
        assertThat(api().get("/api/templates").json().get("layer").asText()).isEqualTo("builtin");
    }

    @Test
    void badTemplateRequestsAreProblems() {
        GatewayApiTest.assertProblem(api().put("/api/templates", "{}"), 400, "files");
        GatewayApiTest.assertProblem(api().put("/api/templates", "{\"files\": []}"), 400, "files");
        GatewayApiTest.assertProblem(api().put("/api/templates", "{\"files\": {\"sentences.ini\": 3}}"), 400, "text");
        GatewayApiTest.assertProblem(
                api().put("/api/templates", "{\"files\": {\"../etc/passwd\": \"x\"}}"), 422, "neither");
        GatewayApiTest.assertProblem(
                api().put("/api/templates", "{\"files\": {\"slots/rooms\": \"x\"}}"), 422, "sentences.ini is missing");
    }

    private static JsonNode find(JsonNode sessions, String id) {
        if (sessions == null || !sessions.isArray()) {
            return null;
        }
        for (JsonNode s : sessions) {
            if (s.get("sessionId").asText().equals(id)) {
                return s;
            }
        }
        return null;
    }
}
