package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.asr.decode.Grammars;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.protocol.messages.NluGrammar;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The grammar's life cycle: none yet, one arrives, a new id, words the dictionary lacks, garbage. */
@Timeout(300)
class AsrGrammarTest {

    @RegisterExtension
    static final InProcessBroker BROKER =
            InProcessBroker.withAcl("asr sub chorus/nlu/grammar", "nlu pub chorus/nlu/grammar");

    @Test
    void withoutAGrammarStartListeningIsAnsweredAtOnceThenTheGrammarIsUsedWhenItArrives() throws Exception {
        try (ApplicationContext asr = ModuleHarness.of("asr", BROKER).startConnected();
                FakeModule nlu = FakeModule.start(BROKER, "nlu");
                TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")
                        .subscribe(Topics.ASR_TEXT_CAPTURED, Topics.ERROR_ASR, Topics.listening("asr"))) {
            operator.await(
                    Topics.listening("asr"),
                    m -> m.json(ListeningSites.class).siteIds().isEmpty());
            operator.publishJson(
                    Topics.ASR_START_LISTENING, new AsrStartListening("kitchen", "s1", null, true, false, null, null));

            AsrTextCaptured text = operator.await(Topics.ASR_TEXT_CAPTURED).json(AsrTextCaptured.class);
            assertThat(text.text()).isEmpty();
            assertThat(text.sessionId()).isEqualTo("s1");
            assertThat(operator.await(Topics.ERROR_ASR).json(HermesError.class).error())
                    .contains("not trained");

            NluGrammar odd = new NluGrammar(
                    "odd-1",
                    "en",
                    List.of(new NluGrammar.IntentGrammar(
                            "GetTime", "what time is it [florbix]", List.of("florbix", "is", "it", "time", "what"))));
            nlu.publishRetainedJson(Topics.NLU_GRAMMAR, odd);
            Grammars grammars = asr.getBean(Grammars.class);
            Awaitility.await().until(() -> grammars.current().isPresent());

            operator.publishJson(
                    Topics.ASR_START_LISTENING, new AsrStartListening("kitchen", "s2", null, true, false, null, null));
            operator.await(
                    Topics.listening("asr"),
                    m -> m.json(ListeningSites.class).siteIds().contains("kitchen"));
            for (byte[] frame :
                    TestSpeech.frames(TestSpeech.samples(TestSpeech.speak("what time is it", "en-us", 0.5, 1.5)))) {
                operator.publish(Topics.audioFrame("kitchen"), frame, 0, false);
            }
            AsrTextCaptured heard = operator.await(
                            Topics.ASR_TEXT_CAPTURED,
                            m -> "s2".equals(m.json(AsrTextCaptured.class).sessionId()))
                    .json(AsrTextCaptured.class);
            assertThat(heard.text()).isEqualTo("what time is it");
            assertThat(operator.await(Topics.ERROR_ASR, m -> m.text().contains("florbix"))
                            .json(HermesError.class)
                            .error())
                    .contains("not in the pronunciation dictionary");
        }
    }

    @Test
    void aBadGrammarIsReportedAndTheModuleKeepsTheOneItHad() {
        try (ApplicationContext asr = ModuleHarness.of("asr", BROKER).startConnected();
                FakeModule nlu = FakeModule.start(BROKER, "nlu");
                TestMqttClient operator =
                        TestMqttClient.connect(BROKER, "operator").subscribe(Topics.ERROR_ASR, Topics.error("asr"))) {
            nlu.publishRetainedJson(Topics.NLU_GRAMMAR, TestSpeech.HOME);
            Grammars grammars = asr.getBean(Grammars.class);
            Awaitility.await().until(() -> grammars.current().isPresent());

            nlu.publishRetained(Topics.NLU_GRAMMAR, "{\"id\": 5}".getBytes());
            assertThat(operator.await(Topics.ERROR_ASR).json(HermesError.class).error())
                    .contains("bad grammar");
            operator.await(Topics.error("asr"));
            assertThat(grammars.current().orElseThrow().id()).isEqualTo(TestSpeech.HOME.id());

            nlu.publishRetained(Topics.NLU_GRAMMAR, new byte[0]);
            Awaitility.await().until(() -> grammars.current().isEmpty());
        }
    }
}
