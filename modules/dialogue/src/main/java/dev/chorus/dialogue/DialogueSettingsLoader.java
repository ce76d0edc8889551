package dev.chorus.dialogue;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.nio.file.Path;
import java.time.Duration;

/** Reads and validates {@link DialogueSettings} through {@link EnvReader} (one error format, blank = unset). */
public final class DialogueSettingsLoader {

    public static final String SESSION_TIMEOUT = "CHORUS_DIALOGUE_SESSION_TIMEOUT";
    public static final String SAY_TIMEOUT_MIN = "CHORUS_DIALOGUE_SAY_TIMEOUT_MIN";
    public static final String SAY_CHARS_PER_SECOND = "CHORUS_DIALOGUE_SAY_CHARS_PER_SECOND";
    public static final String SEND_AUDIO_CAPTURED = "CHORUS_DIALOGUE_SEND_AUDIO_CAPTURED";
    public static final String BARGE_IN = "CHORUS_DIALOGUE_BARGE_IN";
    public static final String SOUNDS = "CHORUS_DIALOGUE_SOUNDS";
    public static final String SOUNDS_DIR = "CHORUS_DIALOGUE_SOUNDS_DIR";
    public static final String WAKE_GROUPS = "CHORUS_DIALOGUE_WAKE_GROUPS";
    public static final String WAKE_WINDOW = "CHORUS_DIALOGUE_WAKE_WINDOW";
    public static final String WAKE_HOLDOFF = "CHORUS_DIALOGUE_WAKE_HOLDOFF";

    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SAY_TIMEOUT_MIN = Duration.ofSeconds(10);
    public static final double DEFAULT_SAY_CHARS_PER_SECOND = 15;
    public static final String DEFAULT_SOUNDS_DIR = "/etc/chorus/sounds";
    /** Satellites on one LAN report one word within tens of ms of each other; a session starts this much later. */
    public static final Duration DEFAULT_WAKE_WINDOW = Duration.ofMillis(300);
    /**
     * Covers a satellite that reports a word up to a second after the others (a busy Pi, Wi-Fi); a new wake word
     * said within it still reaches the site that answered the last one.
     */
    public static final Duration DEFAULT_WAKE_HOLDOFF = Duration.ofSeconds(1);

    private DialogueSettingsLoader() {}

    public static DialogueSettings load(EnvSource env) {
        EnvReader read = new EnvReader(env);
        return new DialogueSettings(
                read.duration(SESSION_TIMEOUT, DEFAULT_SESSION_TIMEOUT, Duration.ofSeconds(1), Duration.ofHours(1)),
                read.duration(SAY_TIMEOUT_MIN, DEFAULT_SAY_TIMEOUT_MIN, Duration.ofMillis(100), Duration.ofMinutes(10)),
                read.decimal(SAY_CHARS_PER_SECOND, DEFAULT_SAY_CHARS_PER_SECOND, 0.1, 1000),
                read.bool(SEND_AUDIO_CAPTURED, true),
                read.bool(BARGE_IN, false),
                read.bool(SOUNDS, true),
                Path.of(read.text(SOUNDS_DIR, DEFAULT_SOUNDS_DIR)),
                WakeGroups.parse(WAKE_GROUPS, read.text(WAKE_GROUPS, null)),
                read.duration(WAKE_WINDOW, DEFAULT_WAKE_WINDOW, Duration.ofMillis(1), Duration.ofSeconds(10)),
                read.duration(WAKE_HOLDOFF, DEFAULT_WAKE_HOLDOFF, Duration.ZERO, Duration.ofSeconds(10)));
    }
}
