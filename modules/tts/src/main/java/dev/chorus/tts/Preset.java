package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;

/**
 * A named way of speaking from presets.yml, compiled to a MaryTTS audio-effects string.
 *
 * @param name         the preset's name, e.g. {@code slow}
 * @param description  free text
 * @param rate         speaking-rate factor (1 = normal, 2 = twice as fast). Applied as SSML
 *                     {@code <prosody rate>}, because MaryTTS 5.2.1's {@code Rate} effect does
 *                     nothing (it is set after durations are computed; marytts #213, PR #1070)
 * @param maryEffects  what {@code LocalMaryInterface.setAudioEffects} gets, e.g.
 *                     {@code F0Add(f0Add:-40.0)+Volume(amount:1.2)}; empty for none
 * @param voiceParams  the part of {@code maryEffects} that MaryTTS writes into the shared HMM
 *                     voice object (F0Add, F0Scale); requests with different values must
 *                     not run on the same voice at the same time (see {@link VoiceParameterGate})
 */
public record Preset(
        @NonNull String name,
        @NonNull String description,
        double rate,
        @NonNull String maryEffects,
        @NonNull String voiceParams) {

    /** Everything that changes the audio, for render-cache keys (the name and description do not). */
    @NonNull
    public String renderKey() {
        return "rate=" + prosodyRate() + ";effects=" + maryEffects;
    }

    /** The SSML {@code prosody rate} value for {@link #rate()}, e.g. "+23.08%" for 1.3; "" for 1. */
    @NonNull
    public String prosodyRate() {
        if (rate == 1.0) {
            return "";
        }
        // MaryTTS ProsodyElementHandler: "+p%" multiplies phone durations by (1 - p/100)
        final double percent = 100.0 * (1.0 - 1.0 / rate);
        return String.format(java.util.Locale.ROOT, "%+.2f%%", percent);
    }
}
