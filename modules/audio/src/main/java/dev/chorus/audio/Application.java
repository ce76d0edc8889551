package dev.chorus.audio;

import dev.chorus.shared.ChorusApplication;

/** The audio module: a Hermes audio output server (see {@link Player}). */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args);
    }
}
