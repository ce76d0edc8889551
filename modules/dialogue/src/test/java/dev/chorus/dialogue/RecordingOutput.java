package dev.chorus.dialogue;

import dev.chorus.protocol.TopicFilters;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.TtsSay;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link DialogueOutput} that keeps what was sent, in order, as the wire would carry it. */
final class RecordingOutput implements DialogueOutput {

    /** One message: its topic, the record (null for bytes) and the payload bytes. */
    record Sent(String topic, Object message, byte[] payload) {

        String json() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        <T> T as(Class<T> type) {
            return type.cast(message);
        }

        @Override
        public String toString() {
            return topic + " " + (message == null ? payload.length + " bytes" : json());
        }
    }

    private static final JsonCodec CODEC = JsonCodec.standalone();
    private final List<Sent> sent = new ArrayList<>();
    private String lastSayId;

    @Override
    public void publish(String topic, Object message) {
        sent.add(new Sent(topic, message, CODEC.encode(message)));
        if (message instanceof TtsSay say) {
            lastSayId = say.id();
        }
    }

    /** The id of the last say sent, drained or not. */
    String lastSayId() {
        return lastSayId;
    }

    @Override
    public void publishBytes(String topic, byte[] payload) {
        sent.add(new Sent(topic, null, payload.clone()));
    }

    List<Sent> all() {
        return List.copyOf(sent);
    }

    /** The topics sent so far, in order; {@code topic reason} for the toggles. */
    List<String> topics() {
        return sent.stream().map(s -> s.topic()).toList();
    }

    List<Sent> on(String filter) {
        return sent.stream()
                .filter(s -> TopicFilters.matches(filter, s.topic()))
                .toList();
    }

    Sent last(String filter) {
        List<Sent> matching = on(filter);
        if (matching.isEmpty()) {
            throw new AssertionError("nothing sent on " + filter + "; sent: " + sent);
        }
        return matching.get(matching.size() - 1);
    }

    /** Forgets what was sent so far. */
    List<Sent> drain() {
        List<Sent> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }
}
