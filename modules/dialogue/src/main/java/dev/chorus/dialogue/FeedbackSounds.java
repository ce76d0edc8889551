package dev.chorus.dialogue;

import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.Wav;
import dev.chorus.protocol.env.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The short WAVs played on a site when a wake word opens a session ({@code start.wav}) and when the site stops
 * listening ({@code end.wav}). A missing file means no sound; a file that is not a WAV stops the module at start.
 */
public record FeedbackSounds(Optional<Sound> start, Optional<Sound> end) {

    public static final String START_FILE = "start.wav";
    public static final String END_FILE = "end.wav";

    /** How much longer than the sound lasts the dialogue waits for its playFinished. */
    public static final Duration MARGIN = Duration.ofSeconds(1);

    /** @param wav the file's bytes, published as they are */
    public record Sound(String name, byte[] wav, Duration duration) {

        /** The bounded wait for the playFinished of this sound. */
        public Duration timeout() {
            return duration.plus(MARGIN);
        }
    }

    public static FeedbackSounds none() {
        return new FeedbackSounds(Optional.empty(), Optional.empty());
    }

    public static FeedbackSounds load(DialogueSettings settings) {
        if (!settings.sounds()) {
            return none();
        }
        return new FeedbackSounds(read(settings.soundsDir(), START_FILE), read(settings.soundsDir(), END_FILE));
    }

    private static Optional<Sound> read(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            byte[] wav = Files.readAllBytes(file);
            return Optional.of(new Sound(name, wav, Wav.parse(wav).duration()));
        } catch (IOException | InvalidAudioException e) {
            throw new ConfigException(
                    DialogueSettingsLoader.SOUNDS_DIR,
                    "cannot use " + file + " as a feedback sound: " + e.getMessage());
        }
    }
}
