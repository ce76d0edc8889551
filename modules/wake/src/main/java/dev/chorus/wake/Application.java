package dev.chorus.wake;

import dev.chorus.runtime.ChorusApplication;

/**
 * The wake module. The runtime connects it to the broker as principal "wake", publishes its
 * retained status on chorus/status/wake and serves GET /health; add listeners as beans
 * (shared/README.md).
 */
public final class Application {

    private Application() {}

    public static void main(String[] args) {
        ChorusApplication.run(Application.class, args);
    }
}
