package dev.chorus.nlu;

import dev.chorus.runtime.ChorusApplication;

/**
 * The nlu module: Hermes natural language understanding from Rhasspy sentence templates. Listeners in
 * {@code dev.chorus.nlu.hermes}; the template compiler and matcher (no Micronaut) in {@code dev.chorus.nlu.template}.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args);
    }
}
