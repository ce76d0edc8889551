package dev.chorus.testkit.example;

import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code example/hold/#}: a handler that does not return until the test lets it (or 60 s pass). */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class HoldListener implements MessageListener {

    private final Inbox inbox;
    private final CountDownLatch gate = new CountDownLatch(1);

    HoldListener(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public String topicFilter() {
        return "example/hold/#";
    }

    @Override
    public void onMessage(InboundMessage message) throws InterruptedException {
        inbox.add("hold", message, message.payloadAsString());
        gate.await(60, TimeUnit.SECONDS);
    }

    /** Lets every held handler (now and later) return. */
    public void release() {
        gate.countDown();
    }
}
