package dev.chorus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.ChorusError;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSay;
import dev.chorus.testkit.example.ExampleModule;
import dev.chorus.testkit.example.Inbox;
import dev.chorus.testkit.example.Ping;
import dev.chorus.testkit.example.Pong;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad payloads are reported, one error each, and the module keeps serving. */
@Timeout(180)
class MalformedPayloadTest {

    @RegisterExtension
    static final InProcessBroker BROKER = ExampleModule.broker();

    @Test
    void twoHundredMalformedPayloadsEachYieldAnErrorAndTheModuleStillAnswers() {
        List<byte[]> bad = malformed(200, new Random(42));
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")
                        .subscribe(Topics.error("example"), Topics.ERROR_TTS, "example/pong");
                ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {

            bad.forEach(payload -> tester.publish(Topics.TTS_SAY, payload));
            List<TestMqttClient.Received> chorusErrors = tester.awaitCount(Topics.error("example"), bad.size());
            List<TestMqttClient.Received> hermesErrors = tester.awaitCount(Topics.ERROR_TTS, bad.size());
            assertThat(chorusErrors).hasSize(bad.size());
            assertThat(hermesErrors).hasSize(bad.size());
            assertThat(chorusErrors).map(m -> m.json(ChorusError.class)).allSatisfy(e -> {
                assertThat(e.topic()).isEqualTo(Topics.TTS_SAY);
                assertThat(e.error()).isNotBlank().doesNotContain("\n");
                assertThat(e.payloadExcerpt().length()).isLessThan(300);
            });
            assertThat(hermesErrors)
                    .map(m -> m.json(HermesError.class))
                    .allSatisfy(e -> assertThat(e.error()).isNotBlank());
            List<String> reasons = chorusErrors.stream()
                    .map(m -> m.json(ChorusError.class).error())
                    .toList();
            assertThat(reasons)
                    .anyMatch(r -> r.startsWith("not JSON"))
                    .anyMatch(r -> r.startsWith("not a JSON object"))
                    .anyMatch(r -> r.contains("missing required key \"text\""))
                    .anyMatch(r -> r.startsWith("siteId:"))
                    .anyMatch(r -> r.startsWith("payload too large: 1048576 bytes"));

            // the Hermes error carries the payload's site and say id when the payload was an object
            tester.clear();
            tester.publish(Topics.TTS_SAY, "{\"text\": 5, \"siteId\": \"kitchen\", \"id\": \"say-9\"}");
            HermesError hermes = tester.await(Topics.ERROR_TTS).json(HermesError.class);
            assertThat(hermes.siteId()).isEqualTo("kitchen");
            assertThat(hermes.context()).isEqualTo("say-9");

            // a handler that throws is reported too (no Hermes error: not a Hermes topic)
            tester.publish("example/fail", "anything");
            ChorusError failure = tester.await(
                            Topics.error("example"),
                            m -> m.json(ChorusError.class).topic().equals("example/fail"))
                    .json(ChorusError.class);
            assertThat(failure.error()).isEqualTo("IllegalStateException: boom on example/fail");

            // still serving
            tester.publishJson(Topics.TTS_SAY, new TtsSay("hello", null, null, "ok-1", null, null));
            Inbox inbox = ctx.getBean(Inbox.class);
            await().until(() -> inbox.of("say").size() == 1);
            assertThat(((TtsSay) inbox.of("say").get(0).decoded()).id()).isEqualTo("ok-1");
            tester.publishJson("example/ping", new Ping("still there?", 1));
            assertThat(tester.await("example/pong").json(Pong.class)).isEqualTo(new Pong("still there?", 1, "example"));
        }
    }

    @Test
    void aNonHermesJsonTopicGetsOnlyTheChorusError() {
        try (TestMqttClient tester = TestMqttClient.connect(BROKER, "tester")
                        .subscribe(Topics.error("example"), Topics.HERMES_ERROR_FILTER);
                ApplicationContext ctx = ExampleModule.harness(BROKER).startConnected()) {
            tester.publish("example/ping", "{\"n\": 1}");
            ChorusError error = tester.await(Topics.error("example")).json(ChorusError.class);
            assertThat(error.topic()).isEqualTo("example/ping");
            assertThat(error.error()).isEqualTo("missing required key \"text\"");
            assertThat(error.payloadExcerpt()).isEqualTo("{\"n\": 1}");
            tester.publish("example/ping", "{\"text\": \"a\", \"n\": 1.5}");
            tester.awaitCount(Topics.error("example"), 2);
            assertThat(tester.received(Topics.HERMES_ERROR_FILTER)).isEmpty();
        }
    }

    /** Random bytes, truncated JSON, wrong types, missing keys, non-objects and a 1 MiB blob. */
    static List<byte[]> malformed(int count, Random random) {
        String valid =
                "{\"text\": \"hello\", \"siteId\": \"kitchen\", \"lang\": null, \"id\": \"x\", \"sessionId\": null, \"volume\": 0.5}";
        List<String> fixed = List.of(
                "{\"text\": 5}",
                "{\"text\": true}",
                "{\"text\": [\"a\"]}",
                "{\"text\": {\"a\": 1}}",
                "{\"text\": \"a\", \"siteId\": true}",
                "{\"text\": \"a\", \"siteId\": 3}",
                "{\"text\": \"a\", \"volume\": \"loud\"}",
                "{\"text\": \"a\", \"id\": 7}",
                "{\"siteId\": \"kitchen\"}",
                "{\"text\": null}",
                "{}",
                "[]",
                "[{\"text\": \"a\"}]",
                "\"text\"",
                "42",
                "null",
                "true",
                "",
                "{\"text\": \"a\"} trailing",
                "{\"text\": \"a\", \"text\": \"b\"}",
                "{'text': 'a'}");
        List<byte[]> out = new ArrayList<>();
        byte[] blob = new byte[1 << 20];
        Arrays.fill(blob, (byte) 'a');
        byte[] head = "{\"text\": \"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, blob, 0, head.length);
        blob[blob.length - 2] = '"';
        blob[blob.length - 1] = '}';
        out.add(blob);
        fixed.forEach(s -> out.add(s.getBytes(StandardCharsets.UTF_8)));
        while (out.size() < count) {
            if (random.nextBoolean()) {
                byte[] bytes = new byte[1 + random.nextInt(300)];
                random.nextBytes(bytes);
                out.add(bytes);
            } else {
                out.add(valid.substring(0, random.nextInt(valid.length() - 1)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
