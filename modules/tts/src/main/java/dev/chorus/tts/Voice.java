package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.Locale;

/**
 * One installed voice, as listed in voices.yml.
 *
 * @param id          the id Hermes clients use ({@code rhasspy/tts/voices} voiceId)
 * @param engine      the engine that speaks it; only {@code marytts} for now
 * @param engineVoice the engine's own name for the voice (MaryTTS voice name)
 * @param locale      the language it speaks, e.g. en-US
 * @param gender      female, male or neutral
 * @param description free text shown to users
 * @param line        line in voices.yml where the entry starts (for error messages)
 */
public record Voice(
        @NonNull String id,
        @NonNull String engine,
        @NonNull String engineVoice,
        @NonNull Locale locale,
        @NonNull String gender,
        @NonNull String description,
        int line) {

    /** The BCP 47 tag of the locale, e.g. {@code en-US}. */
    @NonNull
    public String languageTag() {
        return locale.toLanguageTag();
    }
}
