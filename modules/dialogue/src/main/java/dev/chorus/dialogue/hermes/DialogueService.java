package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueManager;
import dev.chorus.dialogue.DialogueSettings;
import dev.chorus.dialogue.FeedbackSounds;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DialogueManager} behind one lock: the listeners (each on its own worker thread) and the timers hand
 * it one event at a time. Exceptions go back to the caller (a listener: the runtime reports them).
 */
@Singleton
public class DialogueService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DialogueService.class);

    private final Object lock = new Object();
    private final SchedulerTimers timers;
    private final DialogueManager manager;

    public DialogueService(DialogueSettings settings, FeedbackSounds sounds, ChorusMqtt mqtt) {
        this.timers = new SchedulerTimers(this::runQuietly);
        this.manager = new DialogueManager(
                settings,
                sounds,
                new MqttDialogueOutput(mqtt),
                timers,
                () -> UUID.randomUUID().toString());
    }

    public void run(Consumer<DialogueManager> event) {
        synchronized (lock) {
            event.accept(manager);
        }
    }

    public <T> T read(Function<DialogueManager, T> query) {
        synchronized (lock) {
            return query.apply(manager);
        }
    }

    private void runQuietly(Runnable timerAction) {
        try {
            synchronized (lock) {
                timerAction.run();
            }
        } catch (RuntimeException e) {
            LOG.error("timer action failed", e);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        timers.close();
    }
}
