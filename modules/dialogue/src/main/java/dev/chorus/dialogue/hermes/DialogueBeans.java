package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueSettings;
import dev.chorus.dialogue.DialogueSettingsLoader;
import dev.chorus.dialogue.FeedbackSounds;
import dev.chorus.protocol.env.EnvSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The settings and the feedback sounds, read once at start. */
@Factory
class DialogueBeans {

    private static final Logger LOG = LoggerFactory.getLogger(DialogueBeans.class);

    @Singleton
    DialogueSettings dialogueSettings(EnvSource env) {
        return DialogueSettingsLoader.load(env);
    }

    /**
     * The sessions' gauges, bound when Micronaut builds its registry. A bean that depends on
     * {@link DialogueService}, not a registry in the service, which would move it in the shutdown order; only with
     * the runtime on. The runtime's MqttMeterBinder says why, for both.
     */
    @Singleton
    @Requires(property = "chorus.mqtt.enabled", notEquals = "false")
    MeterBinder sessionMeters(DialogueService service) {
        return registry -> {
            Gauge.builder("chorus.dialogue.sessions", service, DialogueService::openSessions)
                    .description("dialogue sessions going on (one per site at most)")
                    .register(registry);
            Gauge.builder("chorus.dialogue.sessions.queued", service, DialogueService::queuedSessions)
                    .description("dialogue sessions waiting for their site")
                    .register(registry);
        };
    }

    @Singleton
    FeedbackSounds feedbackSounds(DialogueSettings settings) {
        FeedbackSounds sounds = FeedbackSounds.load(settings);
        LOG.info(
                "session timeout {}, say timeout max({}, chars / {} per s), barge-in {}, sounds: start {}, end {}",
                settings.sessionTimeout(),
                settings.sayTimeoutMin(),
                settings.sayCharsPerSecond(),
                settings.bargeIn(),
                sounds.start().map(s -> s.duration().toMillis() + " ms").orElse("none"),
                sounds.end().map(s -> s.duration().toMillis() + " ms").orElse("none"));
        if (!settings.wakeGroups().isEmpty()) {
            LOG.info(
                    "wake groups {}: one session per wake word in a group, on the site that heard it best within {};"
                            + " the group's other sites held off for {} after",
                    settings.wakeGroups(),
                    settings.wakeWindow(),
                    settings.wakeHoldOff());
        }
        return sounds;
    }
}
