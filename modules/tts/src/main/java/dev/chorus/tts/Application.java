package dev.chorus.tts;

import dev.chorus.runtime.ChorusApplication;
import dev.chorus.tts.hermes.TtsConfigCheck;

/**
 * The tts module: Hermes text to speech ({@code hermes/tts/say} → {@code playBytes} →
 * {@code playFinished} → {@code sayFinished}; {@code rhasspy/tts/getVoices}). The MQTT side is in
 * {@code dev.chorus.tts.hermes}, the speech engine in this package.
 */
public final class Application {

    private Application() {}

    public static void main(final String[] args) {
        // variables and tts/ files are checked before Micronaut starts: a mistake exits 2 with one line
        ChorusApplication.run(Application.class, args, TtsConfigCheck::check);
    }
}
