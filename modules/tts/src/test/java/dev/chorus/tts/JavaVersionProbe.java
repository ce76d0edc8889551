package dev.chorus.tts;

import java.util.Map;

/**
 * Run in a child JVM by {@link JavaVersionTest}: pretends to be a JDK whose java.version has
 * no patch part ("21"), then starts MaryTTS either directly ("raw") or through the module
 * ("ours"). Prints one result line; exit code 0 = synthesized, 3 = MaryTTS refused to start.
 */
public final class JavaVersionProbe {

    private JavaVersionProbe() {}

    public static void main(final String[] args) throws Exception {
        final String mode = args[0];
        System.setProperty("java.version", args[1]);
        try {
            if (mode.equals("raw")) {
                new marytts.LocalMaryInterface();
                System.out.println("RESULT started");
            } else {
                final TtsConfig config = TtsConfig.fromEnv(Map.of(
                        "CHORUS_TTS_CONFIG_DIR",
                        args[2],
                        "CHORUS_TTS_CACHE_MAX_BYTES",
                        "0",
                        "CHORUS_TTS_WORKERS",
                        "1"));
                try (TextToSpeech tts = TextToSpeech.start(config)) {
                    final Pcm16 wav = tts.synthesize(SpeechRequest.of("Hello."));
                    System.out.println("RESULT synthesized " + wav.duration().toMillis() + " ms; java.version="
                            + System.getProperty("java.version"));
                }
            }
            System.exit(0);
        } catch (Throwable e) {
            System.out.println("RESULT failed: " + e);
            System.exit(3);
        }
    }
}
