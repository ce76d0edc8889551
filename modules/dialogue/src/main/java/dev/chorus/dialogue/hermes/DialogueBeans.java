package dev.chorus.dialogue.hermes;

import dev.chorus.dialogue.DialogueSettings;
import dev.chorus.dialogue.DialogueSettingsLoader;
import dev.chorus.dialogue.FeedbackSounds;
import dev.chorus.protocol.env.EnvSource;
import io.micronaut.context.annotation.Factory;
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
