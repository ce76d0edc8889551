package dev.chorus.nlu.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.env.EnvVars;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.NluTemplates;
import dev.chorus.protocol.messages.NluTemplatesResult;
import dev.chorus.protocol.messages.NluTemplatesSet;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The module against the real broker with the repo's ACL, driven by an operator client as any Hermes client. */
@Timeout(180)
class NluServiceTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static final JsonCodec CODEC = JsonCodec.standalone();

    private static final String LIGHTS = "[SetLightColor]\n"
            + "set the (bedroom | living room){name} light to (red | green | blue){color}\n"
            + "[GetTime]\nwhat time is it\n";

    private static final String LIGHTS_ID = GoldenVectorTest.train(LIGHTS).id();

    @TempDir
    Path builtIn;

    @TempDir
    Path mounted;

    /** Each test its own data folder (the harness gives every "nlu" the same one). */
    @TempDir
    Path data;

    private TestMqttClient operator;

    @BeforeEach
    void connect() throws Exception {
        Files.writeString(builtIn.resolve("sentences.ini"), LIGHTS);
        operator = TestMqttClient.connect(BROKER, "operator")
                .subscribe(
                        Topics.NLU_INTENT_PARSED,
                        Topics.NLU_INTENT_NOT_RECOGNIZED,
                        Topics.INTENT_FILTER,
                        Topics.HERMES_ERROR_FILTER,
                        Topics.NLU_TRAIN_SUCCESS_FILTER,
                        Topics.NLU_GRAMMAR,
                        Topics.error("nlu"),
                        "chorus/reply/operator/#");
    }

    @AfterEach
    void close() {
        operator.close();
    }

    private ModuleHarness nlu() {
        return ModuleHarness.of("nlu", BROKER)
                .env(EnvVars.DATA_DIR, data.toString())
                .env("CHORUS_NLU_BUILTIN_DIR", builtIn.toString())
                .env("CHORUS_NLU_WATCH_INTERVAL", "100ms");
    }

    @Test
    void queryGetsIntentParsedAndTheIntent() {
        try (ApplicationContext ctx = nlu().startConnected()) {
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery(
                            "Set the bedroom light to 'red'.",
                            "kitchen",
                            "q1",
                            null,
                            "s1",
                            "porcupine",
                            "en",
                            "cd",
                            0.5,
                            null));
            NluIntentParsed parsed = operator.await(Topics.NLU_INTENT_PARSED).json(NluIntentParsed.class);
            assertThat(parsed.intent().intentName()).isEqualTo("SetLightColor");
            assertThat(parsed.id()).isEqualTo("q1");
            NluIntent intent = operator.await(Topics.intent("SetLightColor")).json(NluIntent.class);
            assertThat(intent.input()).isEqualTo("set the bedroom light to red");
            assertThat(intent.rawInput()).isEqualTo("Set the bedroom light to 'red'.");
            assertThat(intent.siteId()).isEqualTo("kitchen");
            assertThat(intent.sessionId()).isEqualTo("s1");
            assertThat(intent.customData()).isEqualTo("cd");
            assertThat(intent.wakewordId()).isEqualTo("porcupine");
            assertThat(intent.lang()).isEqualTo("en");
            assertThat(intent.asrConfidence()).isEqualTo(0.5);
            assertThat(intent.asrTokens()).hasSize(1);
            assertThat(intent.asrTokens().get(0)).hasSize(6);
            assertThat(intent.slots()).extracting(s -> s.plainValue()).containsExactly("bedroom", "red");
        }
    }

    @Test
    void notRecognisedAndIntentFilter() {
        try (ApplicationContext ctx = nlu().startConnected()) {
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery("how old are you", null, "q2", null, null, null, null, null, null, null));
            NluIntentNotRecognized not = operator.await(
                            Topics.NLU_INTENT_NOT_RECOGNIZED, m -> m.text().contains("q2"))
                    .json(NluIntentNotRecognized.class);
            assertThat(not.input()).isEqualTo("how old are you");
            assertThat(not.siteId()).isEqualTo("default");

            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery(
                            "what time is it",
                            null,
                            "q3",
                            List.of("SetLightColor"),
                            null,
                            null,
                            null,
                            null,
                            null,
                            null));
            operator.await(Topics.NLU_INTENT_NOT_RECOGNIZED, m -> m.text().contains("q3"));
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery(
                            "what time is it", null, "q4", List.of("GetTime"), null, null, null, null, null, null));
            assertThat(operator.await(Topics.intent("GetTime"))
                            .json(NluIntent.class)
                            .id())
                    .isEqualTo("q4");
        }
    }

    @Test
    void badPayloadsAreReportedAndTheModuleKeepsServing() {
        try (ApplicationContext ctx = nlu().startConnected()) {
            operator.publish(Topics.NLU_QUERY, "not json");
            operator.publish(Topics.NLU_QUERY, "{\"siteId\": \"kitchen\"}");
            operator.publish(Topics.NLU_QUERY, "{\"input\": 5}");
            operator.publish(Topics.nluTrain("default"), "[1, 2]");
            operator.publish(Topics.NLU_TEMPLATES_SET, "{\"files\": {\"sentences.ini\": 3}}");
            await().until(() -> operator.received(Topics.ERROR_NLU).size() >= 4);
            await().until(() -> operator.received(Topics.error("nlu")).size() >= 5);
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery("what time is it", null, "after", null, null, null, null, null, null, null));
            assertThat(operator.await(Topics.intent("GetTime"))
                            .json(NluIntent.class)
                            .id())
                    .isEqualTo("after");
        }
    }

    @Test
    void trainPublishesTrainSuccessOrTheErrorWithFileAndLine() throws Exception {
        try (ApplicationContext ctx =
                nlu().env("CHORUS_NLU_WATCH_INTERVAL", "0").startConnected()) {
            operator.publish(Topics.nluTrain("kitchen"), "{\"id\": \"t1\", \"graphPath\": \"/x\"}");
            assertThat(operator.await(Topics.nluTrainSuccess("kitchen")).text()).isEqualTo("{\"id\": \"t1\"}");

            Files.writeString(builtIn.resolve("sentences.ini"), "[GetTime]\nwhat time (is it\n");
            operator.publish(Topics.nluTrain("kitchen"), "{\"id\": \"t2\"}");
            HermesError error = operator.await(Topics.ERROR_NLU, m -> m.text().contains("t2"))
                    .json(HermesError.class);
            assertThat(error.error())
                    .isEqualTo("training failed: " + builtIn.resolve("sentences.ini") + ":2: missing ')'");
            assertThat(error.siteId()).isEqualTo("kitchen");
            // the previous training is still in force
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery(
                            "set the living room light to blue", null, "q5", null, null, null, null, null, null, null));
            assertThat(operator.await(Topics.intent("SetLightColor"))
                            .json(NluIntent.class)
                            .id())
                    .isEqualTo("q5");
        }
    }

    @Test
    void templatesSetAndGetOverRequestReply() {
        try (ApplicationContext ctx = nlu().startConnected()) {
            NluGrammar first = grammar(LIGHTS_ID);
            assertThat(first.intents())
                    .extracting(NluGrammar.IntentGrammar::intentName)
                    .containsExactly("SetLightColor", "GetTime");
            assertThat(first.intents().get(0).jsgf())
                    .isEqualTo("set the ( bedroom | living room ) light to ( red | green | blue )");

            NluTemplates got = request(Topics.NLU_TEMPLATES_GET, "{}".getBytes(StandardCharsets.UTF_8))
                    .json(NluTemplates.class);
            assertThat(got.layer()).isEqualTo("builtin");
            assertThat(got.files()).containsEntry("sentences.ini", LIGHTS);
            assertThat(got.id()).isEqualTo(first.id());

            NluTemplatesResult bad = request(
                            Topics.NLU_TEMPLATES_SET,
                            CODEC.encode(new NluTemplatesSet(Map.of(
                                    "sentences.ini",
                                    "[Play]\nplay $movies{movie}\n",
                                    "slots/movies",
                                    "alien\n(star wars\n"))))
                    .json(NluTemplatesResult.class);
            assertThat(bad.ok()).isFalse();
            assertThat(bad.errors()).containsExactly(new NluTemplatesResult.Problem("slots/movies", 2, "missing ')'"));
            assertThat(request(Topics.NLU_TEMPLATES_GET, new byte[0])
                            .json(NluTemplates.class)
                            .layer())
                    .isEqualTo("builtin");

            NluTemplatesResult ok = request(
                            Topics.NLU_TEMPLATES_SET,
                            CODEC.encode(new NluTemplatesSet(Map.of(
                                    "sentences.ini",
                                    "[Play]\nplay $movies{movie}\n",
                                    "slots/movies",
                                    "alien\nstar wars\n"))))
                    .json(NluTemplatesResult.class);
            assertThat(ok.ok()).isTrue();
            NluGrammar second = grammar(ok.id());
            assertThat(second.intents().get(0).words()).containsExactly("alien", "play", "star", "wars");
            assertThat(Files.isRegularFile(ctx.getBean(dev.chorus.nlu.NluSettings.class)
                            .dataTemplates()
                            .resolve("slots/movies")))
                    .isTrue();

            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery("play star wars", null, "q6", null, null, null, null, null, null, null));
            NluIntent play = operator.await(Topics.intent("Play")).json(NluIntent.class);
            assertThat(play.slots().get(0).entity()).isEqualTo("movies");
            assertThat(request(Topics.NLU_TEMPLATES_GET, new byte[0])
                            .json(NluTemplates.class)
                            .layer())
                    .isEqualTo("data");

            // an empty set removes the stored one: the built-in set is back
            NluTemplatesResult removed = request(Topics.NLU_TEMPLATES_SET, CODEC.encode(new NluTemplatesSet(Map.of())))
                    .json(NluTemplatesResult.class);
            assertThat(removed.id()).as(removed.toString()).isEqualTo(first.id());
        }
    }

    @Test
    void retrainsWhenTheMountedFolderChanges() throws Exception {
        try (ApplicationContext ctx =
                nlu().env("CHORUS_NLU_TEMPLATES_DIR", mounted.toString()).startConnected()) {
            String builtInId = grammar(LIGHTS_ID).id();
            Files.createDirectories(mounted.resolve("slots"));
            Files.writeString(mounted.resolve("slots/rooms"), "attic\n");
            Files.writeString(mounted.resolve("sentences.ini"), "[Clean]\nclean the $rooms{room}\n");
            NluGrammar mountedGrammar = operator.await(
                            Topics.NLU_GRAMMAR,
                            m -> !m.json(NluGrammar.class).id().equals(builtInId) && !m.retained())
                    .json(NluGrammar.class);
            assertThat(mountedGrammar.intents())
                    .extracting(NluGrammar.IntentGrammar::intentName)
                    .containsExactly("Clean");

            Files.writeString(mounted.resolve("sentences.ini"), "[Clean]\nclean (the $rooms{room}\n");
            HermesError error = operator.await(Topics.ERROR_NLU, m -> m.text().contains("training failed"))
                    .json(HermesError.class);
            assertThat(error.error()).contains(mounted.resolve("sentences.ini") + ":2: missing ')'");
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery("clean the attic", null, "q7", null, null, null, null, null, null, null));
            assertThat(operator.await(Topics.intent("Clean"))
                            .json(NluIntent.class)
                            .id())
                    .isEqualTo("q7");
        }
    }

    @Test
    void aBrokenStoredSetAtStartIsReportedAndTheNextLayerServes() throws Exception {
        Files.createDirectories(data.resolve("intents"));
        Files.writeString(data.resolve("intents/sentences.ini"), "[Broken]\nsay <nothing>\n");
        try (ApplicationContext ctx = nlu().startConnected()) {
            HermesError error = operator.await(Topics.ERROR_NLU, m -> m.text().contains("training failed"))
                    .json(HermesError.class);
            assertThat(error.error()).contains(data.resolve("intents/sentences.ini") + ":2: unknown rule <nothing>");
            operator.publishJson(
                    Topics.NLU_QUERY,
                    new NluQuery("what time is it", null, "q8", null, null, null, null, null, null, null));
            assertThat(operator.await(Topics.intent("GetTime"))
                            .json(NluIntent.class)
                            .id())
                    .isEqualTo("q8");
        }
    }

    @Test
    void theGrammarIsRetainedAndPublishedAgainOnReconnect() {
        ModuleHarness harness = nlu();
        String id;
        try (ApplicationContext ctx = harness.startConnected()) {
            id = grammar(LIGHTS_ID).id();
        }
        try (TestMqttClient late = TestMqttClient.connect(BROKER, "operator").subscribe(Topics.NLU_GRAMMAR)) {
            TestMqttClient.Received retained =
                    late.await(Topics.NLU_GRAMMAR, m -> m.text().contains(id));
            assertThat(retained.retained()).isTrue();
            assertThat(retained.json(NluGrammar.class).id()).isEqualTo(id);
        }
        operator.clear();
        try (ApplicationContext ctx = harness.startConnected()) {
            assertThat(grammar(id).id()).isEqualTo(id);
        }
    }

    /**
     * The grammar with this id: the broker is shared by the tests of this class, so an earlier test's grammar may
     * still be retained.
     */
    private NluGrammar grammar(String id) {
        return operator.await(
                        Topics.NLU_GRAMMAR, m -> m.json(NluGrammar.class).id().equals(id))
                .json(NluGrammar.class);
    }

    private TestMqttClient.Received request(String topic, byte[] payload) {
        String correlation = UUID.randomUUID().toString();
        String responseTopic = "chorus/reply/operator/" + correlation;
        operator.publishRequest(topic, payload, responseTopic, correlation.getBytes(StandardCharsets.UTF_8));
        return operator.await(responseTopic);
    }
}
