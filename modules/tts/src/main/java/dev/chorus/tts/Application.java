package dev.chorus.tts;

import dev.chorus.shared.ChorusApplication;

/**
 * The tts module: Hermes text to speech ({@code hermes/tts/say} → {@code playBytes} →
 * {@code playFinished} → {@code sayFinished}; {@code rhasspy/tts/getVoices}). The MQTT side is in
 * {@code dev.chorus.tts.hermes}, the speech engine in this package.
 */
public final class Application {

    private Application() {
    }

    public static void main(final String[] args) {
        ChorusApplication.run(Application.class, args);
    }
}
