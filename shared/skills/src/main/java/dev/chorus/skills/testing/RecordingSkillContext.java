package dev.chorus.skills.testing;

import dev.chorus.protocol.messages.Addressed;
import dev.chorus.skills.SkillContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link SkillContext} for unit tests: keeps what skills spoke and published, in order. Thread-safe. */
public final class RecordingSkillContext implements SkillContext {

    /** A {@link #speak} call. */
    public record Spoken(String siteId, String text) {}

    private final List<Spoken> spoken = new CopyOnWriteArrayList<>();
    private final List<Addressed> published = new CopyOnWriteArrayList<>();

    @Override
    public void speak(String siteId, String text) {
        spoken.add(new Spoken(siteId, text));
    }

    @Override
    public void publish(Addressed message) {
        published.add(message);
    }

    public List<Spoken> spoken() {
        return List.copyOf(spoken);
    }

    public List<Addressed> published() {
        return List.copyOf(published);
    }

    /** The published messages of one type. */
    public <T extends Addressed> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
