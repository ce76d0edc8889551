package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;

/**
 * Base of every error the TTS module reports. The message is written for a person reading
 * {@code hermes/error/tts}; {@link #code()} is a stable short word for programs.
 */
public class TtsException extends RuntimeException {

    private final String code;

    public TtsException(@NonNull final String code, @NonNull final String message) {
        super(message);
        this.code = code;
    }

    public TtsException(@NonNull final String code, @NonNull final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable word naming the kind of error, e.g. {@code unknown-voice}. */
    @NonNull
    public String code() {
        return code;
    }

    /** The request names a voice id that is not in voices.yml. */
    public static final class UnknownVoice extends TtsException {
        public UnknownVoice(@NonNull final String voiceId, @NonNull final Iterable<String> known) {
            super("unknown-voice", "Unknown voice '" + voiceId + "'. Installed voices: " + String.join(", ", known));
        }
    }

    /** The request names a language no installed voice speaks. */
    public static final class UnknownLanguage extends TtsException {
        public UnknownLanguage(@NonNull final String lang, @NonNull final Iterable<String> known) {
            super(
                    "unknown-language",
                    "No voice for language '" + lang + "'. Languages with voices: " + String.join(", ", known));
        }
    }

    /** The request names a preset that is not in presets.yml. */
    public static final class UnknownPreset extends TtsException {
        public UnknownPreset(@NonNull final String preset, @NonNull final Iterable<String> known) {
            super("unknown-preset", "Unknown preset '" + preset + "'. Presets: " + String.join(", ", known));
        }
    }

    /** Empty, blank or too long text, or a volume outside 0..1. */
    public static final class InvalidRequest extends TtsException {
        public InvalidRequest(@NonNull final String message) {
            super("invalid-request", message);
        }
    }

    /** Text that starts like SSML but is not well-formed SSML. */
    public static final class InvalidSsml extends TtsException {
        public InvalidSsml(@NonNull final String message, final Throwable cause) {
            super("invalid-ssml", message, cause);
        }
    }

    /** The engine failed while synthesizing (a MaryTTS error, a timeout, a closed engine). */
    public static final class SynthesisFailed extends TtsException {
        public SynthesisFailed(@NonNull final String message, final Throwable cause) {
            super("synthesis-failed", message, cause);
        }
    }

    /** A file in the config folder or an env var is invalid; the message names file and line. */
    public static final class BadConfig extends TtsException {
        public BadConfig(@NonNull final String message) {
            super("bad-config", message);
        }

        public BadConfig(@NonNull final String message, final Throwable cause) {
            super("bad-config", message, cause);
        }

        /** "file:line: message", the form compilers use, so editors can jump to it. */
        @NonNull
        public static BadConfig at(@NonNull final String file, final int line, @NonNull final String message) {
            return new BadConfig(file + ":" + line + ": " + message);
        }
    }

    /** The engine could not start (MaryTTS start-up, JDK version, missing MaryTTS voice). */
    public static final class StartupFailed extends TtsException {
        public StartupFailed(@NonNull final String message, final Throwable cause) {
            super("startup-failed", message, cause);
        }
    }
}
