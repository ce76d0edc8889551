package dev.chorus.asr.listen;

import dev.chorus.asr.AsrSettings;
import java.time.Duration;

/** What a session's voice activity detection needs from {@link AsrSettings}. */
public record VadSettings(
        double thresholdDb, Duration silence, Duration minSpeech, Duration timeout, Duration maxDuration) {

    public static VadSettings of(AsrSettings settings) {
        return new VadSettings(
                settings.thresholdDb(),
                settings.silence(),
                settings.minSpeech(),
                settings.timeout(),
                settings.maxDuration());
    }
}
