package dev.chorus.wake;

import dev.chorus.runtime.ChorusApplication;

/**
 * The wake module: Hermes wake word over the mics' audio frames (openWakeWord on ONNX Runtime). Configuration:
 * modules/wake/CONFIG.md.
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args);
    }
}
