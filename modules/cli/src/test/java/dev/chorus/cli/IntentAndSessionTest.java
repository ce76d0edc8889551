package dev.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntentNotRecognized;
import dev.chorus.protocol.messages.NluIntentParsed;
import dev.chorus.protocol.messages.NluQuery;
import dev.chorus.protocol.messages.NluTrain;
import dev.chorus.protocol.messages.NluTrainSuccess;
import dev.chorus.protocol.messages.SessionEnded;
import dev.chorus.protocol.messages.SessionInit;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.protocol.messages.Slot;
import dev.chorus.protocol.messages.StartSession;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code intent} and {@code session start} against fakes of the nlu and dialogue modules on the real broker. */
@Timeout(120)
class IntentAndSessionTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    record Result(int code, String out, String err) {}

    private static Result cli(final String... args) {
        final Map<String, String> env = Map.of(
                "CHORUS_MQTT_URI",
                BROKER.uri(),
                "CHORUS_MQTT_PASSWORD_FILE",
                BROKER.passwordFile("cli").toString());
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = Cli.run(
                env::get,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(new byte[0]),
                args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Knows one sentence; answers everything else with intentNotRecognized. */
    private static FakeModule fakeNlu() {
        final FakeModule nlu = FakeModule.start(BROKER, "nlu");
        nlu.on(Topics.NLU_QUERY, m -> {
            final NluQuery q = m.json(NluQuery.class);
            if (q.input().equals("turn on the kitchen light")) {
                final Slot room =
                        new Slot("rooms", Map.of("kind", "Unknown", "value", "kitchen"), "name", "kitchen", 1.0, null);
                nlu.publishJson(
                        Topics.NLU_INTENT_PARSED,
                        new NluIntentParsed(
                                q.input(),
                                new Intent("ChangeLightState", 1.0),
                                q.siteId(),
                                q.id(),
                                List.of(room),
                                null));
            } else {
                nlu.publishJson(
                        Topics.NLU_INTENT_NOT_RECOGNIZED,
                        new NluIntentNotRecognized(q.input(), q.siteId(), q.id(), null, null));
            }
        });
        return nlu;
    }

    @Test
    void intentPrintsTheIntentAndItsSlots() {
        try (FakeModule nlu = fakeNlu()) {
            final Result r = cli("intent", "turn on the kitchen light", "--site", "kitchen");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("ChangeLightState (confidence 1.00)\n  name = kitchen\n");
            final Result json = cli("intent", "--json", "turn on the kitchen light");
            assertThat(json.out()).startsWith("{\"input\": \"turn on the kitchen light\", \"intent\": {");
        }
    }

    @Test
    void anUnknownSentenceFails() {
        try (FakeModule nlu = fakeNlu()) {
            final Result r = cli("intent", "how old are you");
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("chorus intent: not recognised: \"how old are you\"\n");
        }
    }

    @Test
    void withoutAnNluTheWaitEndsWithAHint() {
        final Result r = cli("intent", "what time is it", "--timeout", "0.5");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("is the nlu module running?");
    }

    @Test
    void sessionStartWaitsForTheSessionOfItsSiteAndHowItEnded() {
        try (FakeModule dialogue = FakeModule.start(BROKER, "dialogue")) {
            dialogue.on(Topics.DM_START_SESSION, m -> {
                final StartSession s = m.json(StartSession.class);
                assertThat(s.init()).isInstanceOf(SessionInit.Action.class);
                // another site's session first: the cli must not take it for its own
                dialogue.publishJson(
                        Topics.DM_SESSION_STARTED, new SessionStarted("other", "hall", s.customData(), null));
                dialogue.publishJson(
                        Topics.DM_SESSION_STARTED, new SessionStarted("s-1", s.siteId(), s.customData(), null));
                dialogue.publishJson(
                        Topics.DM_SESSION_ENDED,
                        new SessionEnded(
                                new SessionEnded.Termination(SessionEnded.Termination.TIMEOUT),
                                "s-1",
                                s.siteId(),
                                s.customData()));
            });
            final Result started = cli("session", "start", "--site", "kitchen");
            assertThat(started.code()).as(started.err()).isZero();
            assertThat(started.out()).isEqualTo("started s-1\n");
            final Result waited = cli("session", "start", "--site", "kitchen", "--wait");
            assertThat(waited.out()).isEqualTo("started s-1\nended s-1 timeout\n");
            assertThat(waited.code()).isEqualTo(1);
        }
    }

    @Test
    void trainSaysWhetherTheTemplatesCompiled() {
        try (FakeModule nlu = FakeModule.start(BROKER, "nlu")) {
            final AtomicInteger calls = new AtomicInteger();
            nlu.on(Topics.NLU_TRAIN_FILTER, m -> {
                final NluTrain train = m.json(NluTrain.class);
                if (calls.incrementAndGet() == 1) {
                    nlu.publishJson(Topics.nluTrainSuccess("default"), new NluTrainSuccess(train.id()));
                } else {
                    nlu.publishJson(
                            Topics.ERROR_NLU,
                            new HermesError(
                                    "training failed: sentences.ini:3: unbalanced (", "default", train.id(), null));
                }
            });
            final Result ok = cli("train");
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).isEqualTo("trained\n");
            final Result bad = cli("train");
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err()).isEqualTo("chorus train: training failed: sentences.ini:3: unbalanced (\n");
        }
    }

    @Test
    void aNotificationNeedsText() {
        final Result r = cli("session", "start", "--notification");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--notification needs --text");
    }
}
