package dev.chorus.tts.hermes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.HermesError;
import dev.chorus.protocol.messages.TtsSayFinished;
import dev.chorus.testkit.InProcessBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A module with a queue of 2 and a short playFinished margin: refusals and timeouts. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SayLimitsTest {

    @RegisterExtension
    static final InProcessBroker BROKER = InProcessBroker.create();

    static final Duration MARGIN = Duration.ofSeconds(3);
    static ApplicationContext module;
    static AudioServerStub audio;
    static StampedClient client;

    @BeforeAll
    static void start() {
        module = TtsTestModule.harness(BROKER)
                .env("CHORUS_TTS_QUEUE", "2")
                .env("CHORUS_TTS_PLAY_MARGIN_SECONDS", String.valueOf(MARGIN.toSeconds()))
                .startConnected();
        audio = AudioServerStub.start(BROKER);
        client = StampedClient.connect(BROKER, "operator").subscribe(Topics.TTS_SAY_FINISHED, Topics.ERROR_TTS);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (audio != null) {
            audio.close();
        }
        if (module != null) {
            module.close();
        }
    }

    @Test
    void withoutPlayFinishedSayFinishedComesAfterTheAudiosDurationPlusTheMargin() {
        audio.silent("garden");
        final long sent = System.nanoTime();
        say("{\"text\": \"Nobody answers in the garden today.\", \"siteId\": \"garden\", \"id\": \"t-1\"}");
        final AudioServerStub.Play play = audio.awaitPlay("garden", "t-1");
        final Duration audioLength = play.wav().duration();
        // not before the audio could have been played (the timeout counts from the publish, before arrival)
        final Duration quiet = audioLength.minusMillis(300);
        await().during(quiet)
                .atMost(quiet.plusSeconds(5))
                .until(() -> sayFinished("t-1").isEmpty());
        final StampedClient.Message finished = awaitSayFinished("t-1");
        // The lower bound is causal, on one JVM clock: the tts times out audio + margin after its publish, which
        // is after we sent the say. (Measured from the playBytes' arrival at the audio server it would not be: that
        // arrival can lag the publish, and the two messages reach two different clients.)
        assertThat(Duration.ofNanos(finished.arrivedAt() - sent)).isGreaterThan(audioLength.plus(MARGIN));
        // the upper bound is only "not stuck", generous for a loaded machine
        assertThat(Duration.ofNanos(finished.arrivedAt() - play.arrivedAt()))
                .isLessThan(audioLength.plus(MARGIN).plusSeconds(30));
        assertThat(finished.json(TtsSayFinished.class)).isEqualTo(new TtsSayFinished("garden", "t-1", null));
        assertThat(errors("t-1")).as("a missing playFinished is not an error").isEmpty();
    }

    @Test
    void aFullQueueIsRefusedWithAClearErrorAndSayFinished() {
        audio.silent("q");
        say("{\"text\": \"The first one is being spoken.\", \"siteId\": \"q\", \"id\": \"q-1\"}");
        audio.awaitPlay("q", "q-1"); // q-1 is speaking: 1 of 2
        say("{\"text\": \"The second one waits its turn.\", \"siteId\": \"q\", \"id\": \"q-2\"}"); // 2 of 2
        say(
                "{\"text\": \"The third one is one too many.\", \"siteId\": \"q\", \"id\": \"q-3\", \"sessionId\": \"sq\"}");

        final HermesError error = client.await(
                        Topics.ERROR_TTS,
                        m -> "q-3".equals(m.json(HermesError.class).context()))
                .json(HermesError.class);
        assertThat(error.error())
                .startsWith("queue-full: 2 says are already waiting or being spoken (CHORUS_TTS_QUEUE)");
        assertThat(error.siteId()).isEqualTo("q");
        assertThat(error.sessionId()).isEqualTo("sq");
        // the gauges (docs/configuration.md, "Metrics"): q-1 speaking, q-2 waiting, q-3 refused
        final MeterRegistry meters = module.getBean(MeterRegistry.class);
        assertThat(meters.get("chorus.tts.says").gauge().value()).isEqualTo(2);
        assertThat(meters.get("chorus.tts.says.capacity").gauge().value()).isEqualTo(2);
        assertThat(awaitSayFinished("q-3").json(TtsSayFinished.class)).isEqualTo(new TtsSayFinished("q", "q-3", "sq"));
        assertThat(sayFinished("q-1"))
                .as("refused at once, not after the others")
                .isEmpty();

        audio.finish("q", "q-1");
        awaitSayFinished("q-1");
        audio.finish("q", audio.awaitPlay("q", "q-2").requestId());
        awaitSayFinished("q-2");
        assertThat(audio.plays("q")).extracting(AudioServerStub.Play::requestId).containsExactly("q-1", "q-2");
        assertThat(errors("q-1")).isEmpty();
        assertThat(errors("q-2")).isEmpty();
    }

    @Test
    void aFloodIsRefusedCleanlyAndTheModuleKeepsWorking() {
        // both sites silent: the two says that get in hold their slots until their playFinished times out, so
        // how many are refused does not depend on how fast this machine synthesizes and plays
        audio.silent("flood-a", "flood-b");
        final int n = 60;
        for (int i = 0; i < n; i++) {
            say("{\"text\": \"Flood number " + i + " with some words.\", \"siteId\": \"flood-"
                    + (i % 2 == 0 ? "a" : "b") + "\", \"id\": \"f-" + i + "\"}");
        }
        // every say ends with a sayFinished, most of them refused at once
        await().atMost(Duration.ofMinutes(3)).until(() -> finishedIds("f-").size() == n);
        final long refused = client.received(Topics.ERROR_TTS).stream()
                .map(m -> m.json(HermesError.class))
                .filter(e -> e.context() != null
                        && e.context().startsWith("f-")
                        && e.error().startsWith("queue-full"))
                .count();
        assertThat(refused).isGreaterThanOrEqualTo(n - 10);
        assertThat(module.getBean(SiteQueues.class).size()).isZero();

        audio.clear();
        say("{\"text\": \"Still here after the flood.\", \"siteId\": \"after\", \"id\": \"after-flood\"}");
        awaitSayFinished("after-flood");
        assertThat(audio.plays("after")).hasSize(1);
    }

    private static void say(final String json) {
        client.publish(Topics.TTS_SAY, json);
    }

    private static Set<String> finishedIds(final String prefix) {
        final Set<String> ids = new HashSet<>();
        for (final StampedClient.Message m : client.received(Topics.TTS_SAY_FINISHED)) {
            final String id = m.json(TtsSayFinished.class).id();
            if (id != null && id.startsWith(prefix)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static List<StampedClient.Message> sayFinished(final String id) {
        return client.received(Topics.TTS_SAY_FINISHED).stream()
                .filter(m -> id.equals(m.json(TtsSayFinished.class).id()))
                .toList();
    }

    private static StampedClient.Message awaitSayFinished(final String id) {
        return client.await(
                Topics.TTS_SAY_FINISHED,
                m -> id.equals(m.json(TtsSayFinished.class).id()));
    }

    private static List<StampedClient.Message> errors(final String id) {
        return client.received(Topics.ERROR_TTS).stream()
                .filter(m -> id.equals(m.json(HermesError.class).context()))
                .toList();
    }
}
