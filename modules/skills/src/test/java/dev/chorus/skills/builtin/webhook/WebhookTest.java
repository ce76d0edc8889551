package dev.chorus.skills.builtin.webhook;

import static dev.chorus.skills.builtin.SkillsTestSupport.awaitMessage;
import static dev.chorus.skills.builtin.SkillsTestSupport.intent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.EndSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Webhook forwarding against a real local HTTP server (the JDK's): the skills module POSTs the intent, the answer
 * becomes the endSession text; a timeout or an HTTP error ends the session with a short apology and is reported.
 */
@Timeout(180)
class WebhookTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.withAcl("skills sub chorus/reply/skills/#");

    private final List<TestMqttClient.Received> dialogueInbox = new CopyOnWriteArrayList<>();
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private FakeModule nlu;
    private FakeModule dialogue;
    private TestMqttClient operator;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/answer", ex -> reply(ex, 200, "{\"speech\": {\"text\": \"The light is on.\"}}"));
        server.createContext("/quiet", ex -> reply(ex, 200, ""));
        server.createContext("/broken", ex -> reply(ex, 500, "oops"));
        server.createContext("/slow", ex -> {
            try {
                release.await(60, TimeUnit.SECONDS); // longer than the module's timeout; released at the end
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply(ex, 200, "{\"speech\": {\"text\": \"too late\"}}");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        nlu = FakeModule.start(BROKER, "nlu");
        dialogue = FakeModule.start(BROKER, "dialogue").on(Topics.DM_END_SESSION, dialogueInbox::add);
        operator = TestMqttClient.connect(BROKER, "operator").subscribe(Topics.error("skills"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        operator.close();
        dialogue.close();
        nlu.close();
        server.stop(0);
    }

    @Test
    void theAnswersSpeechBecomesTheEndSessionText() throws Exception {
        try (ApplicationContext ignored = skills("/answer").startConnected()) {
            nlu.publishJson(
                    Topics.intent("ChangeLightState"), intent("ChangeLightState", "w1", "kitchen", "brightness", 80));
            EndSession end = awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true);
            assertThat(end).isEqualTo(new EndSession("w1", "The light is on.", null));
            JsonNode body = posted.get(0);
            assertThat(body.path("intent").path("intentName").asText()).isEqualTo("ChangeLightState");
            assertThat(body.path("siteId").asText()).isEqualTo("kitchen");
            assertThat(body.path("slots").get(0).path("value").path("value").asInt())
                    .isEqualTo(80);

            // built-in intents stay with their skill: not posted
            nlu.publishJson(Topics.intent("Cancel"), intent("Cancel", "w2", "kitchen"));
            awaitMessage(
                    dialogueInbox,
                    Topics.DM_END_SESSION,
                    EndSession.class,
                    e -> e.sessionId().equals("w2"));
            assertThat(posted).hasSize(1);
        }
    }

    @Test
    void anEmptyAnswerEndsTheSessionSilently() {
        try (ApplicationContext ignored = skills("/quiet").startConnected()) {
            nlu.publishJson(Topics.intent("GetWeather"), intent("GetWeather", "w3", "default"));
            assertThat(awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true))
                    .isEqualTo(new EndSession("w3", null, null));
        }
    }

    @Test
    void aTimeoutEndsTheSessionWithAnApologyAndAnError() {
        try (ApplicationContext ignored =
                skills("/slow").env("CHORUS_WEBHOOK_TIMEOUT", "500ms").startConnected()) {
            nlu.publishJson(Topics.intent("GetWeather"), intent("GetWeather", "w4", "default"));
            assertThat(awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true)
                            .text())
                    .isEqualTo(WebhookForwarder.APOLOGY);
            ChorusError error = operator.await(Topics.error("skills")).json(ChorusError.class);
            assertThat(error.topic()).isEqualTo(Topics.intent("GetWeather"));
            assertThat(error.error()).contains("/slow: no answer within 500 ms");
        }
    }

    @Test
    void anHttpErrorEndsTheSessionWithAnApologyAndAnError() {
        try (ApplicationContext ignored =
                skills("/broken").env("CHORUS_WEBHOOK_INTENTS", "SetBrightness").startConnected()) {
            nlu.publishJson(Topics.intent("GetWeather"), intent("GetWeather", "w5", "default")); // not listed
            nlu.publishJson(Topics.intent("SetBrightness"), intent("SetBrightness", "w6", "default"));
            EndSession end = awaitMessage(dialogueInbox, Topics.DM_END_SESSION, EndSession.class, e -> true);
            assertThat(end).isEqualTo(new EndSession("w6", WebhookForwarder.APOLOGY, null));
            assertThat(operator.await(Topics.error("skills"))
                            .json(ChorusError.class)
                            .error())
                    .contains("/broken: HTTP 500");
            assertThat(posted).hasSize(1);
        }
    }

    private ModuleHarness skills(String path) {
        return ModuleHarness.of("skills", BROKER)
                .env(
                        "CHORUS_WEBHOOK_URLS",
                        "http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void reply(HttpExchange exchange, int status, String body) throws IOException {
        posted.add(new ObjectMapper().readTree(exchange.getRequestBody()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
