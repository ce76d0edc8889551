package dev.chorus.nlu.hermes;

import dev.chorus.nlu.NluSettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the template folders every {@code CHORUS_NLU_WATCH_INTERVAL} and trains again when
 * any template file of any layer changed (name, size or modification time). Polling rather than a WatchService:
 * it also sees changes made on the host side of a bind mount and folders that appear later, and costs one
 * directory listing per interval. A failed training is reported on {@code hermes/error/nlu}.
 */
@Singleton
class TemplateWatcher implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateWatcher.class);

    private final Trainer trainer;
    private final NluSettings settings;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nlu-template-watch");
        t.setDaemon(true);
        return t;
    });

    TemplateWatcher(Trainer trainer, NluSettings settings) {
        this.trainer = trainer;
        this.settings = settings;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        long every = settings.watchInterval().toMillis();
        if (every > 0) {
            timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void check() {
        try {
            if (!trainer.layers().fingerprint().equals(trainer.trainedFingerprint())) {
                train("template change");
            }
        } catch (RuntimeException e) {
            LOG.warn("template check failed", e);
        }
    }

    private void train(String why) {
        Trainer.Outcome outcome = trainer.trainFromLayers();
        if (!outcome.ok()) {
            trainer.reportFailure(why, outcome);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
