package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueManager;
import dev.chorus.dialogue.DialogueSettings;
import dev.chorus.dialogue.FeedbackSounds;
import dev.chorus.dialogue.KnownSites;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.protocol.messages.SessionStarted;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.mqtt.ChorusMqtt;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
    private final OpenSessions open;

    /** Read by the metrics scrape, which must not wait for the lock: copied after every event. */
    private volatile int openSessions;

    private volatile int queuedSessions;

    public DialogueService(
            DialogueSettings settings, FeedbackSounds sounds, ChorusMqtt mqtt, ModuleSettings module, JsonCodec codec) {
        this.known = new KnownSites(module.dataDir());
        this.open = new OpenSessions(module.dataDir(), codec);
        this.timers = new SchedulerTimers(this::runQuietly);
        this.manager = new DialogueManager(
                settings,
                sounds,
                new MqttDialogueOutput(mqtt, open),
                timers,
                () -> UUID.randomUUID().toString());
    }

    /** Sites with a session going on, as of the last event: the gauge {@code chorus.dialogue.sessions}. */
    int openSessions() {
        return openSessions;
    }

    /** Sessions waiting for their site, as of the last event: the gauge {@code chorus.dialogue.sessions.queued}. */
    int queuedSessions() {
        return queuedSessions;
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

    /**
     * A restart ended the sessions of the previous run: each that was open gets its sessionEnded (reason error),
     * then their sites get their wake word and ASR back. Queued at start-up while MQTT is still connecting, so
     * they go out first (the order of these two start-up listeners is not fixed, but connecting takes longer).
     */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<SessionStarted> interrupted = open.takeInterrupted();
        if (!interrupted.isEmpty()) {
            LOG.info("ending the {} session(s) a restart interrupted", interrupted.size());
            run(m -> m.endInterrupted(interrupted));
        }
        Set<String> sites = new LinkedHashSet<>(known.all());
        interrupted.forEach(s -> sites.add(s.siteId()));
        if (!sites.isEmpty()) {
            LOG.info("switching wake word and asr back on for the sites of the previous run: {}", sites);
            run(m -> m.releaseSites(List.copyOf(sites)));
        }
    }

    /** Sessions recorded as open on disk (this run's and the previous run's not yet ended). */
    public int recordedOpen() {
        return open.size();
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
                    known.addAll(manager.sites()); // a wake group's window ends on a timer and may open a site
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
