package dev.chorus.skills.builtin;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.skills.SkillContext;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running timers, persisted in {@code $CHORUS_DATA_DIR/timers.json} (written whole, under a temporary name,
 * then moved, so a crash leaves the old or the new list). At start the list is read back: timers due while the
 * module was down ring at once, the others are scheduled again. A timer that rings is spoken on the site that set
 * it, by a startSession notification.
 */
@Singleton
public class Timers {

    static final String FILE = "timers.json";

    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    /** One timer; {@code dueAt} ISO-8601. */
    public record Timer(String id, String siteId, long seconds, String dueAt) {

        Instant due() {
            return Instant.parse(dueAt);
        }
    }

    private final Path file;
    private final Clock clock;
    private final SkillContext context;
    private final JsonCodec codec = JsonCodec.standalone();
    private final ScheduledExecutorService scheduler;
    private final Map<String, Timer> timers = new HashMap<>();
    private final Map<String, ScheduledFuture<?>> scheduled = new HashMap<>();

    public Timers(ModuleSettings module, Clock clock, SkillContext context) {
        this.file = module.dataDir().resolve(FILE);
        this.clock = clock;
        this.context = context;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "timers");
            t.setDaemon(true);
            return t;
        });
        for (Timer timer : load()) {
            synchronized (this) {
                timers.put(timer.id(), timer);
                schedule(timer);
            }
        }
    }

    /** Starts a timer of {@code seconds} for {@code siteId}. */
    public synchronized Timer start(String siteId, long seconds) {
        Timer timer = new Timer(
                UUID.randomUUID().toString(),
                siteId,
                seconds,
                clock.instant().plusSeconds(seconds).toString());
        timers.put(timer.id(), timer);
        save();
        schedule(timer);
        return timer;
    }

    /** Stops every timer of the site; returns how many there were. */
    public synchronized int cancel(String siteId) {
        List<Timer> gone =
                timers.values().stream().filter(t -> t.siteId().equals(siteId)).toList();
        for (Timer timer : gone) {
            timers.remove(timer.id());
            ScheduledFuture<?> future = scheduled.remove(timer.id());
            if (future != null) {
                future.cancel(false);
            }
        }
        if (!gone.isEmpty()) {
            save();
        }
        return gone.size();
    }

    /** The running timers. */
    public synchronized List<Timer> list() {
        return List.copyOf(timers.values());
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }

    /** "Your five minute timer is done." */
    static String doneText(long seconds) {
        return "Your " + Durations.adjective(seconds) + " timer is done.";
    }

    private void schedule(Timer timer) {
        long delay = Math.max(0, Duration.between(clock.instant(), timer.due()).toMillis());
        scheduled.put(timer.id(), scheduler.schedule(() -> ring(timer.id()), delay, TimeUnit.MILLISECONDS));
    }

    private void ring(String id) {
        Timer timer;
        synchronized (this) {
            timer = timers.remove(id);
            scheduled.remove(id);
            if (timer == null) {
                return; // cancelled meanwhile
            }
            try {
                save();
            } catch (UncheckedIOException e) {
                // ring anyway; the timer may ring again after a restart
                LOG.error("{}", e.getMessage(), e);
            }
        }
        LOG.info("timer {} of {} s rings on site {}", id, timer.seconds(), timer.siteId());
        context.speak(timer.siteId(), doneText(timer.seconds()));
    }

    private List<Timer> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return codec.mapper().readValue(Files.readAllBytes(file), new TypeReference<List<Timer>>() {});
        } catch (IOException | RuntimeException e) {
            // a damaged file must not stop the module: keep it for a person to look at, start without timers
            Path bad = file.resolveSibling(FILE + ".bad");
            LOG.error("cannot read the timers in {} ({}); moved it to {}, starting without timers", file, e, bad);
            try {
                Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.error("cannot move {}: {}", file, moveFailed.toString());
            }
            return List.of();
        }
    }

    private void save() {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try {
            Files.write(tmp, codec.encode(new ArrayList<>(timers.values())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the timers in " + file, e);
        }
    }
}
