package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.asr.decode.DecoderPool;
import dev.chorus.asr.decode.Grammars;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One decoder, a queue of one: the third session at once is refused clearly, and the others are served. */
@Timeout(300)
class AsrCapacityTest {

    @RegisterExtension
    static final InProcessBroker BROKER =
            InProcessBroker.withAcl("asr sub chorus/nlu/grammar", "nlu pub chorus/nlu/grammar");

    @Test
    void aFullQueueIsAnsweredWithAnErrorAndAnEmptyText() throws Exception {
        try (FakeModule nlu = FakeModule.start(BROKER, "nlu");
                ApplicationContext asr = ModuleHarness.of("asr", BROKER)
                        .env("CHORUS_ASR_DECODERS", "1")
                        .env("CHORUS_ASR_QUEUE_SIZE", "1")
                        .startConnected();
                TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")
                        .subscribe(Topics.ASR_TEXT_CAPTURED, Topics.ERROR_ASR, Topics.listening("asr"))) {
            nlu.publishRetainedJson(Topics.NLU_GRAMMAR, TestSpeech.HOME);
            Awaitility.await().until(() -> asr.getBean(Grammars.class).current().isPresent());
            DecoderPool pool = asr.getBean(DecoderPool.class);
            assertThat(pool.awaitLoaded(2, TimeUnit.MINUTES)).isTrue();

            start(operator, "one");
            Awaitility.await("the decoder took the first session").until(() -> pool.waiting() == 0);
            start(operator, "two");
            operator.publishJson(
                    Topics.ASR_START_LISTENING,
                    new AsrStartListening("three", "s-three", null, false, false, null, null));

            AsrTextCaptured refused = text(operator, "s-three");
            assertThat(refused.text()).isEmpty();
            assertThat(operator.await(Topics.ERROR_ASR).json(HermesError.class).error())
                    .contains("busy")
                    .contains("CHORUS_ASR_QUEUE_SIZE");

            operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("one", "s-one"));
            operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("two", "s-two"));
            assertThat(text(operator, "s-one").text()).isEmpty();
            assertThat(text(operator, "s-two").text()).isEmpty();
        }
    }

    private static void start(TestMqttClient operator, String site) {
        operator.publishJson(
                Topics.ASR_START_LISTENING, new AsrStartListening(site, "s-" + site, null, false, false, null, null));
        operator.await(
                Topics.listening("asr"),
                m -> m.json(ListeningSites.class).siteIds().contains(site));
    }

    private static AsrTextCaptured text(TestMqttClient operator, String sessionId) {
        return operator.await(
                        Topics.ASR_TEXT_CAPTURED,
                        m -> sessionId.equals(m.json(AsrTextCaptured.class).sessionId()))
                .json(AsrTextCaptured.class);
    }
}
