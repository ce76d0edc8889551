package dev.chorus.dialogue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The dialogue module's validated configuration, from {@code CHORUS_DIALOGUE_*} variables
 * (see {@link DialogueSettingsLoader} and modules/dialogue/CONFIG.md).
 *
 * @param sessionTimeout     a session waiting for the ASR, the NLU or a handler longer than this ends with timeout
 * @param sayTimeoutMin      the least time a say may take before the dialogue goes on without its sayFinished
 * @param sayCharsPerSecond  the slowest speech rate expected: a say of n characters may take n / this seconds
 * @param sendAudioCaptured  the {@code sendAudioCaptured} of startListening, unless the wake word sets it
 * @param bargeIn            keep the wake word on while the site speaks, so that it can interrupt
 * @param sounds             play feedback sounds when their files exist
 * @param soundsDir          the folder of {@code start.wav} and {@code end.wav}
 * @param wakeGroups         sites that hear each other: one wake word said there starts one session, on the site
 *                           that heard it best
 * @param wakeWindow         how long the detections of one wake word in a group are collected
 * @param wakeHoldOff        how long after a group's round its other sites' detections are dropped (zero: not)
 */
public record DialogueSettings(
        Duration sessionTimeout,
        Duration sayTimeoutMin,
        double sayCharsPerSecond,
        boolean sendAudioCaptured,
        boolean bargeIn,
        boolean sounds,
        Path soundsDir,
        WakeGroups wakeGroups,
        Duration wakeWindow,
        Duration wakeHoldOff) {

    /** How long to wait for the sayFinished of {@code text}: max(minimum, characters / rate). */
    public Duration sayTimeout(String text) {
        long millis = (long) Math.ceil(text.length() * 1000.0 / sayCharsPerSecond);
        Duration byLength = Duration.ofMillis(millis);
        return byLength.compareTo(sayTimeoutMin) > 0 ? byLength : sayTimeoutMin;
    }
}
