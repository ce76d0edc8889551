package dev.chorus.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.AsrStartListening;
import dev.chorus.protocol.messages.AsrStopListening;
import dev.chorus.protocol.messages.AsrTextCaptured;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.ListeningSites;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.testkit.TestMqttClient;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: a {@code startListening} the module took and then crashed on (its ack gone, its audio lost with the
 * process) is answered at the next start with an empty {@code textCaptured} and {@code hermes/error/asr}, so the
 * dialogue that asked does not wait forever; a request is journaled from its start until its answer is on the
 * broker.
 */
@Timeout(300)
class ListeningJournalTest {

    @RegisterExtension
    static final InProcessBroker BROKER =
            InProcessBroker.withAcl("asr sub chorus/nlu/grammar", "nlu pub chorus/nlu/grammar");

    @Test
    void aSessionACrashInterruptedIsAnsweredAtStartAndNewOnesAreJournaledUntilAnswered() {
        // no stalled-session end while the test looks at the journal: it ends the live session itself
        ModuleHarness harness = ModuleHarness.of("asr", BROKER).env("CHORUS_ASR_TIMEOUT", "120s");
        Path dir = harness.dataDir().resolve("journal").resolve("listen");
        // what the previous run left: a session it had taken (journaled, acknowledged) when it was killed
        String interrupted = "{\"siteId\": \"crash-site\", \"sessionId\": \"s-crashed\", \"stopOnSilence\": true}";
        Journal.open(dir).record(Topics.ASR_START_LISTENING, interrupted.getBytes(StandardCharsets.UTF_8), "");

        try (FakeModule nlu = FakeModule.start(BROKER, "nlu");
                TestMqttClient operator = TestMqttClient.connect(BROKER, "operator")
                        .subscribe(Topics.ASR_TEXT_CAPTURED, Topics.ERROR_ASR, Topics.listening("asr"))) {
            nlu.publishRetainedJson(Topics.NLU_GRAMMAR, TestSpeech.HOME);
            try (ApplicationContext asr = harness.startConnected()) {
                AsrTextCaptured answer = operator.await(
                                Topics.ASR_TEXT_CAPTURED,
                                m -> "s-crashed"
                                        .equals(m.json(AsrTextCaptured.class).sessionId()))
                        .json(AsrTextCaptured.class);
                assertThat(answer.text()).isEmpty();
                assertThat(answer.siteId()).isEqualTo("crash-site");
                HermesError error = operator.await(
                                Topics.ERROR_ASR,
                                m -> "s-crashed"
                                        .equals(m.json(HermesError.class).sessionId()))
                        .json(HermesError.class);
                assertThat(error.error()).contains("interrupted by a restart");
                assertThat(error.siteId()).isEqualTo("crash-site");
                ListeningJournal journal = asr.getBean(ListeningJournal.class);
                await("the interrupted session's entry removed").until(() -> journal.size() == 0);
                assertThat(operator.received(Topics.ASR_TEXT_CAPTURED))
                        .as("answered once")
                        .filteredOn(m ->
                                "s-crashed".equals(m.json(AsrTextCaptured.class).sessionId()))
                        .hasSize(1);

                // a live session: on disk while it listens, gone once its textCaptured is on the broker
                operator.publishJson(
                        Topics.ASR_START_LISTENING,
                        new AsrStartListening("study", "s-live", null, false, false, null, null));
                operator.await(
                        Topics.listening("asr"),
                        m -> m.json(ListeningSites.class).siteIds().contains("study"));
                assertThat(journal.size()).as("journaled while listening").isEqualTo(1);
                operator.publishJson(Topics.ASR_STOP_LISTENING, new AsrStopListening("study", "s-live"));
                operator.await(
                        Topics.ASR_TEXT_CAPTURED,
                        m -> "s-live".equals(m.json(AsrTextCaptured.class).sessionId()));
                await("the answered session's entry removed").until(() -> journal.size() == 0);
            }
        }
    }
}
