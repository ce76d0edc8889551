package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;

/**
 * What to say and how: the fields of Hermes {@code hermes/tts/say} that matter to synthesis,
 * plus a voice id and a preset name.
 *
 * @param text   plain text, or SSML starting with {@code <speak}
 * @param voice  voice id from voices.yml; null: pick by {@code lang}
 * @param lang   language such as {@code en}, {@code en-US}, {@code en_US}; null: the default language
 * @param preset preset name from presets.yml; null: the default preset
 * @param volume 0..1 amplitude scale (Hermes {@code volume}); null: 1
 */
public record SpeechRequest(
        @NonNull String text,
        @Nullable String voice,
        @Nullable String lang,
        @Nullable String preset,
        @Nullable Double volume) {

    /** Just text, everything else default. */
    @NonNull
    public static SpeechRequest of(@NonNull final String text) {
        return new SpeechRequest(text, null, null, null, null);
    }

    @NonNull
    public SpeechRequest withVoice(@Nullable final String voiceId) {
        return new SpeechRequest(text, voiceId, lang, preset, volume);
    }

    @NonNull
    public SpeechRequest withLang(@Nullable final String language) {
        return new SpeechRequest(text, voice, language, preset, volume);
    }

    @NonNull
    public SpeechRequest withPreset(@Nullable final String presetName) {
        return new SpeechRequest(text, voice, lang, presetName, volume);
    }

    @NonNull
    public SpeechRequest withVolume(@Nullable final Double scale) {
        return new SpeechRequest(text, voice, lang, preset, scale);
    }
}
