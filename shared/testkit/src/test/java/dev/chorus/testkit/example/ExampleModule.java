package dev.chorus.testkit.example;

import dev.chorus.testkit.InProcessBroker;
import dev.chorus.testkit.ModuleHarness;

/** A small module made of the test-only beans in this package, logged in as principal {@code example}. */
public final class ExampleModule {

    public static final String NAME = "example";
    public static final String SWITCH = "chorus.test.example-module";

    /** ACL lines for the example module and for {@code tester}, the assertion client. */
    public static final String[] ACL = {
        "example pubsub example/#",
        "example sub    hermes/tts/say",
        "example pub    hermes/error/tts",
        "tester  pubsub #",
    };

    private ExampleModule() {}

    public static InProcessBroker broker() {
        return InProcessBroker.withAcl(ACL);
    }

    public static ModuleHarness harness(InProcessBroker broker) {
        return ModuleHarness.of(NAME, broker).property(SWITCH, true);
    }
}
