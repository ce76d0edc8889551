package dev.chorus.skills.builtin;

import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.messages.Intent;
import dev.chorus.protocol.messages.NluIntent;
import dev.chorus.protocol.messages.Slot;
import dev.chorus.testkit.TestMqttClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Intents as the nlu module publishes them, and waiting for what the fakes received. */
public final class SkillsTestSupport {

    private SkillsTestSupport() {}

    /** An intent with Number slots given as name, value pairs. */
    public static NluIntent intent(String name, String sessionId, String siteId, Object... numberSlots) {
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < numberSlots.length; i += 2) {
            String slot = (String) numberSlots[i];
            slots.add(new Slot(slot, Map.of("kind", "Number", "value", numberSlots[i + 1]), slot, null, 1.0, null));
        }
        return new NluIntent(
                "words", new Intent(name, 1.0), siteId, null, slots, sessionId, null, null, null, null, null, null);
    }

    /** The first message on {@code topic} that satisfies {@code condition}, decoded. */
    public static <T> T awaitMessage(
            List<TestMqttClient.Received> inbox, String topic, Class<T> type, Predicate<T> condition) {
        return await("a " + type.getSimpleName() + " on " + topic)
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> inbox.stream()
                                .filter(m -> m.topic().equals(topic))
                                .map(m -> m.json(type))
                                .filter(condition)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
