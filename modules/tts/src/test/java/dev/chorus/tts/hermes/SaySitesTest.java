package dev.chorus.tts.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.PlayIds;
import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;
import dev.chorus.tts.TextToSpeech;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code chorus/tts/say} over real MQTT (in-process broker, the repo's ACL): one text rendered once, played on
 * several sites, one sayFinished per site; refusals; the journal resume of a say on several sites.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SaySitesTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    private static void saySites(final StampedClient client, final String json) {
        client.publish(Topics.TTS_SAY_SITES, json);
    }

    private static List<String> finishedSites(final StampedClient client, final String id) {
        return client.received(Topics.TTS_SAY_FINISHED).stream()
                .map(m -> m.json(TtsSayFinished.class))
                .filter(f -> id.equals(f.id()))
                .map(TtsSayFinished::siteId)
                .toList();
    }

    /** hits + misses of the render cache: one lookup per synthesis started. */
    private static long cacheLookups(final ApplicationContext ctx) {
        final Matcher m = Pattern.compile("hits=(\\d+) misses=(\\d+)")
                .matcher(ctx.getBean(TextToSpeech.class).cacheStats());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
    }

    @Test
    void oneTextIsRenderedOnceAndPlayedOnEverySiteEachWithItsSayFinished() {
        try (ApplicationContext ctx = TtsTestModule.harness(BROKER).startConnected();
                AudioServerStub audio = AudioServerStub.start(BROKER).silent("kitchen", "attic", "porch");
                StampedClient client = StampedClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_FINISHED)) {
            final long lookupsBefore = cacheLookups(ctx);
            saySites(
                    client,
                    "{\"text\": \"Dinner is ready now.\", \"siteIds\": [\"kitchen\", \"attic\", \"porch\"],"
                            + " \"id\": \"dinner\", \"sessionId\": \"s-1\"}");
            final byte[] kitchen = audio.awaitPlay("kitchen", "dinner").bytes();
            assertThat(audio.awaitPlay("attic", "dinner").bytes()).isEqualTo(kitchen);
            assertThat(audio.awaitPlay("porch", "dinner").bytes()).isEqualTo(kitchen);
            assertThat(cacheLookups(ctx) - lookupsBefore)
                    .as("one sentence, synthesized once for three sites")
                    .isEqualTo(1);

            // each site finishes on its own playFinished
            audio.finish("attic", "dinner");
            client.await(
                    Topics.TTS_SAY_FINISHED,
                    m -> m.json(TtsSayFinished.class).equals(new TtsSayFinished("attic", "dinner", "s-1")));
            assertThat(finishedSites(client, "dinner")).containsExactly("attic");
            audio.finish("kitchen", "dinner");
            audio.finish("porch", "dinner");
            await().atMost(StampedClient.WAIT)
                    .until(() -> finishedSites(client, "dinner").size() == 3);
            assertThat(finishedSites(client, "dinner")).containsExactlyInAnyOrder("kitchen", "attic", "porch");
            await().atMost(StampedClient.WAIT)
                    .until(() -> ctx.getBean(SayJournal.class).journal().size() == 0);
        }
    }

    @Test
    void aRefusedSayOnSeveralSitesGetsAnErrorAndASayFinishedPerSite() {
        try (ApplicationContext ctx = TtsTestModule.harness(BROKER).startConnected();
                StampedClient client = StampedClient.connect(BROKER, "operator")
                        .subscribe(Topics.TTS_SAY_FINISHED, Topics.ERROR_TTS)) {
            saySites(client, "{\"text\": \"Twice.\", \"siteIds\": [\"hall\", \"hall\"], \"id\": \"twice\"}");
            saySites(client, "{\"text\": \"Bad.\", \"siteIds\": [\"hall\", \"a/b\"], \"id\": \"slash\"}");
            saySites(client, "{\"text\": \"None.\", \"siteIds\": [], \"id\": \"none\"}");
            saySites(client, "{\"siteIds\": [\"den\", \"loft\"], \"id\": \"notext\"}");
            for (final String[] c : new String[][] {
                {"twice", "siteIds: hall is named twice"},
                {"slash", "siteIds: \"a/b\" cannot be a topic level"},
                {"none", "siteIds: name at least one site"},
                {"notext", "missing required key \"text\""},
            }) {
                final HermesError error = client.await(
                                Topics.ERROR_TTS,
                                m -> c[0].equals(m.json(HermesError.class).context()))
                        .json(HermesError.class);
                assertThat(error.error()).startsWith("invalid-request: ").contains(c[1]);
            }
            // the sites each refused request names (valid ones, once): no client waits in vain
            await().atMost(StampedClient.WAIT)
                    .until(() -> finishedSites(client, "notext").size() == 2);
            assertThat(finishedSites(client, "notext")).containsExactlyInAnyOrder("den", "loft");
            assertThat(finishedSites(client, "twice")).containsExactly("hall");
            assertThat(finishedSites(client, "slash")).containsExactly("hall");
            assertThat(finishedSites(client, "none")).isEmpty();
        }
    }

    @Test
    void aSayOnSeveralSitesInterruptedByACrashResumesTheSitesNotFinished() {
        final ModuleHarness tts = TtsTestModule.harness(BROKER);
        // done-site finished before the crash, half-site had its first sentence out, new-site nothing yet
        final Path journal = TtsTestModule.journaledSay(
                tts,
                Topics.TTS_SAY_SITES,
                "{\"text\": \"The first one was spoken. This is the second.\","
                        + " \"siteIds\": [\"done-site\", \"half-site\", \"new-site\"], \"id\": \"crashed\"}",
                "{\"half-site\": \"1 1\", \"new-site\": \"0 0\"}");
        try (AudioServerStub audio = AudioServerStub.start(BROKER);
                StampedClient client = StampedClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_FINISHED);
                ApplicationContext ctx = tts.startConnected()) {
            await().atMost(StampedClient.WAIT)
                    .until(() -> finishedSites(client, "crashed").size() == 2);
            assertThat(finishedSites(client, "crashed")).containsExactlyInAnyOrder("half-site", "new-site");
            assertThat(audio.plays("half-site"))
                    .extracting(AudioServerStub.Play::requestId)
                    .containsExactly("crashed");
            assertThat(audio.plays("new-site"))
                    .extracting(AudioServerStub.Play::requestId)
                    .containsExactly(PlayIds.of("crashed", 0), "crashed");
            assertThat(audio.plays("done-site")).isEmpty();
            await().until(() -> Journal.open(journal).size() == 0);
        }
    }
}
