package dev.chorus.dialogue;

import dev.chorus.protocol.env.EnvSource;
import dev.chorus.runtime.ChorusApplication;

/** The dialogue module: the Hermes dialogue manager (see {@link SiteDialogue}). */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args, Application::checkDialogueSettings);
    }

    /** The dialogue variables and the sound files they name, checked before Micronaut starts. */
    static void checkDialogueSettings(EnvSource env) {
        FeedbackSounds.load(DialogueSettingsLoader.load(env));
    }
}
