package dev.chorus.tts.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.Topics;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A say the previous run accepted (journaled, acknowledged) and crashed on after its first sentence: the next
 * start speaks the rest, from the first unsent sentence, and ends it with its sayFinished.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SayResumeTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    @Test
    void aSayInterruptedByACrashIsSpokenFromItsFirstUnsentSentenceAndFinished() {
        final ModuleHarness tts = TtsTestModule.harness(BROKER);
        final Path journal = TtsTestModule.journaledSay(
                tts,
                Topics.TTS_SAY,
                "{\"text\": \"The first one was spoken. This is the second. And the third.\","
                        + " \"siteId\": \"resume-site\", \"id\": \"resumed\"}",
                new SayJournal.Progress(1, 1).mark());
        try (AudioServerStub audio = AudioServerStub.start(BROKER);
                StampedClient client = StampedClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_FINISHED);
                ApplicationContext ctx = tts.startConnected()) {
            client.await(Topics.TTS_SAY_FINISHED, m -> m.text().contains("\"resumed\""));
            assertThat(audio.plays("resume-site"))
                    .extracting(AudioServerStub.Play::requestId)
                    .containsExactly(PlayIds.of("resumed", 1), "resumed");
            await().until(() -> Journal.open(journal).size() == 0);
        }
    }
}
