package dev.chorus.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.client.ChorusClient;
import dev.chorus.client.ReceivedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The voice benchmark's one watcher connection: every message of a voice loop on one site, stamped with
 * {@link System#nanoTime()} when the client hands it over. Messages of one connection arrive in the broker's order and
 * are stamped on one thread, so the stamps of different topics can be subtracted. Of the site's audioFrames only the one
 * whose samples equal {@link #watchFrame} is kept (a frame is 2 kB and there are 15.6 a second).
 */
final class VoiceTrace implements AutoCloseable {

    /** A message as stamped: JSON payloads parsed, binary ones (playBytes, the frame) as {@code null}. */
    record Event(long nanos, String topic, JsonNode json) {

        String text(String field) {
            return json == null || !json.hasNonNull(field)
                    ? ""
                    : json.get(field).asText();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FRAME_SEEN = "voicebench/frame";

    private final ChorusClient client;
    private final List<Event> events = new ArrayList<>();
    private volatile byte[] watchFrame = new byte[0];

    VoiceTrace(String uri, String password, String site) {
        this.client = ChorusClient.to(uri)
                .login("operator", password.getBytes(StandardCharsets.UTF_8))
                .clientId("operator-voicebench-trace")
                .connectTimeout(Duration.ofSeconds(30))
                .connect();
        ChorusClient.await(
                client.subscribe(
                        List.of(
                                "hermes/audioServer/" + site + "/audioFrame",
                                "hermes/audioServer/" + site + "/playBytes/+",
                                "hermes/hotword/+/detected",
                                "hermes/dialogueManager/#",
                                "hermes/asr/textCaptured",
                                "hermes/nlu/#",
                                "hermes/intent/#",
                                "hermes/tts/#"),
                        0,
                        this::stamp),
                Duration.ofSeconds(30));
    }

    /** From now on, keep the arrival of the frame carrying exactly these samples (16-bit PCM, no header). */
    void watchFrame(byte[] samples) {
        watchFrame = samples.clone();
    }

    private void stamp(ReceivedMessage m) {
        long now = System.nanoTime();
        String topic = m.topic();
        if (topic.endsWith("/audioFrame")) {
            byte[] want = watchFrame;
            byte[] p = m.payload();
            if (want.length > 0
                    && p.length >= want.length
                    && Arrays.equals(p, p.length - want.length, p.length, want, 0, want.length)) {
                add(new Event(now, FRAME_SEEN, null));
            }
            return;
        }
        JsonNode json = null;
        if (!topic.contains("/playBytes/")) {
            try {
                json = JSON.readTree(m.payload());
            } catch (IOException e) {
                json = null; // not JSON: kept as a bare arrival
            }
        }
        add(new Event(now, topic, json));
    }

    private synchronized void add(Event e) {
        events.add(e);
    }

    /** How many events there are now: a mark to read the events after it with {@link #since}. */
    synchronized int mark() {
        return events.size();
    }

    synchronized List<Event> since(int mark) {
        return List.copyOf(events.subList(mark, events.size()));
    }

    /** The first event after {@code mark} on a topic matching {@code topic} that passes {@code test}. */
    Optional<Event> first(int mark, Predicate<String> topic, Predicate<Event> test) {
        return since(mark).stream()
                .filter(e -> topic.test(e.topic()))
                .filter(test)
                .findFirst();
    }

    @Override
    public void close() {
        client.close();
    }
}
