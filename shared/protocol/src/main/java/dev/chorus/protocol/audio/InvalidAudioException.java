package dev.chorus.protocol.audio;

/**
 * Audio that cannot be used: not a WAV file {@link Wav} reads, or (for the audio module) longer than it plays.
 * The message says what is wrong, for the error a module publishes.
 */
public final class InvalidAudioException extends Exception {

    public InvalidAudioException(String message) {
        super(message);
    }
}
