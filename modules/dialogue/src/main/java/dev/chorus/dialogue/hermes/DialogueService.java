package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueManager;
import dev.chorus.dialogue.DialogueSettings;
import dev.chorus.dialogue.FeedbackSounds;
import dev.chorus.dialogue.KnownSites;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
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
public class DialogueService implements AutoCloseable, ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DialogueService.class);

    private final Object lock = new Object();
    private final SchedulerTimers timers;
    private final DialogueManager manager;
    private final KnownSites known;
    /** Read by the metrics scrape, which must not wait for the lock: copied after every event. */
    private volatile int openSessions;

    private volatile int queuedSessions;

    public DialogueService(
            DialogueSettings settings,
            FeedbackSounds sounds,
            ChorusMqtt mqtt,
            ModuleSettings module,
            @Nullable MeterRegistry registry) {
        this.known = new KnownSites(module.dataDir());
        this.timers = new SchedulerTimers(this::runQuietly);
        this.manager = new DialogueManager(
                settings,
                sounds,
                new MqttDialogueOutput(mqtt),
                timers,
                () -> UUID.randomUUID().toString());
        if (registry != null) {
            Gauge.builder("chorus.dialogue.sessions", () -> openSessions)
                    .description("dialogue sessions going on (one per site at most)")
                    .register(registry);
            Gauge.builder("chorus.dialogue.sessions.queued", () -> queuedSessions)
                    .description("dialogue sessions waiting for their site")
                    .register(registry);
        }
    }

    public void run(Consumer<DialogueManager> event) {
        synchronized (lock) {
            try {
                event.accept(manager);
            } finally {
                known.addAll(manager.sites());
                snapshot();
            }
        }
    }

    /** A restart ended the sessions of the previous run: their sites get their wake word and ASR back. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<String> sites = known.all();
        if (!sites.isEmpty()) {
            LOG.info("switching wake word and asr back on for the sites of the previous run: {}", sites);
            run(m -> m.releaseSites(sites));
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
                try {
                    timerAction.run();
                } finally {
                    snapshot();
                }
            }
        } catch (RuntimeException e) {
            LOG.error("timer action failed", e);
        }
    }

    /** Under the lock. */
    private void snapshot() {
        openSessions = manager.openSessions();
        queuedSessions = manager.queuedSessions();
    }

    @PreDestroy
    @Override
    public void close() {
        timers.close();
    }
}
