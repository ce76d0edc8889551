package dev.chorus.tts.hermes;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.testkit.InProcessBroker;
import dev.chorus.tts.Pcm16;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the audio server in tests, as principal {@code audio}: records every playBytes and
 * answers {@code playFinished} ({@code {"id": requestId, "sessionId": requestId}}, as Rhasspy's
 * speakers service) at once, except for sites made {@link #silent} (then call {@link #finish}).
 */
public final class AudioServerStub extends StampedClient {

    /** One playBytes. */
    public record Play(String siteId, String requestId, byte[] bytes, long arrivedAt) {

        public Pcm16 wav() {
            return Pcm16.fromWav(bytes);
        }
    }

    private final Set<String> silentSites = ConcurrentHashMap.newKeySet();
    /** When this client sent each playFinished ({@link System#nanoTime()} just before the publish), by site/requestId. */
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();

    private final JsonCodec codec = StampedClient.CODEC;

    private AudioServerStub(final InProcessBroker broker) {
        super(broker, "audio");
        subscribe(Topics.PLAY_BYTES_FILTER);
        onMessage(m -> {
            final Map<String, String> levels =
                    Topics.PLAY_BYTES.match(m.topic()).orElseThrow();
            if (!silentSites.contains(levels.get("siteId"))) {
                answeredAt.put(levels.get("siteId") + "/" + levels.get("requestId"), System.nanoTime());
                publishAsync(
                        Topics.playFinished(levels.get("siteId")),
                        codec.encode(new PlayFinished(levels.get("requestId"), levels.get("requestId"))));
            }
        });
    }

    public static AudioServerStub start(final InProcessBroker broker) {
        return new AudioServerStub(broker);
    }

    /** playBytes for these sites are not answered until {@link #finish}. */
    public AudioServerStub silent(final String... sites) {
        silentSites.addAll(List.of(sites));
        return this;
    }

    /** Publishes playFinished for {@code requestId} on {@code siteId} and waits for the PUBACK. */
    public void finish(final String siteId, final String requestId) {
        answeredAt.put(siteId + "/" + requestId, System.nanoTime());
        publish(Topics.playFinished(siteId), codec.encode(new PlayFinished(requestId, requestId)));
    }

    /**
     * When this audio server sent the playFinished of {@code requestId} on {@code siteId}: a time on the same clock
     * as {@link Play#arrivedAt()}, so "the tts sent X only after it got this playFinished" can be checked causally.
     */
    public long answeredAt(final String siteId, final String requestId) {
        final Long at = answeredAt.get(siteId + "/" + requestId);
        if (at == null) {
            throw new AssertionError("no playFinished sent for " + requestId + " on " + siteId);
        }
        return at;
    }

    public List<Play> plays() {
        return received(Topics.PLAY_BYTES_FILTER).stream()
                .map(AudioServerStub::play)
                .toList();
    }

    public List<Play> plays(final String siteId) {
        return plays().stream().filter(p -> p.siteId().equals(siteId)).toList();
    }

    public Play awaitPlay(final String siteId, final String requestId) {
        return play(await(Topics.playBytes(siteId, requestId), m -> true));
    }

    private static Play play(final Message m) {
        final Map<String, String> levels = Topics.PLAY_BYTES.match(m.topic()).orElseThrow();
        return new Play(levels.get("siteId"), levels.get("requestId"), m.payload(), m.arrivedAt());
    }
}
