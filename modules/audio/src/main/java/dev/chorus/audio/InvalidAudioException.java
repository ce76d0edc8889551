package dev.chorus.audio;

/** A playBytes payload that is not a WAV file this server can play. The message says what is wrong. */
public final class InvalidAudioException extends Exception {

    public InvalidAudioException(String message) {
        super(message);
    }
}
