package dev.chorus.testkit.example;

import dev.chorus.runtime.config.ModuleSettings;
import dev.chorus.runtime.journal.Journal;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code example/journaled/#}: records each message in a journal (its ack goes at once), then holds like
 * {@link HoldListener}; at start, what the previous run left unfinished is put in the inbox as "resumed".
 */
@Singleton
@Requires(property = ExampleModule.SWITCH, value = "true")
public class JournaledListener implements MessageListener {

    private final Inbox inbox;
    private final Journal journal;
    private final CountDownLatch gate = new CountDownLatch(1);

    JournaledListener(Inbox inbox, ModuleSettings settings) {
        this.inbox = inbox;
        this.journal = Journal.open(settings.dataDir().resolve("journal/example"));
        for (Journal.Entry e : journal.takeUnfinished()) {
            inbox.add("resumed", InboundMessage.of(e.topic(), e.payload()), e.progress());
            e.complete();
        }
    }

    @Override
    public String topicFilter() {
        return "example/journaled/#";
    }

    @Override
    public void onMessage(InboundMessage message) throws InterruptedException {
        var entry = journal.record(message);
        if (entry.isEmpty()) {
            inbox.add("journal-duplicate", message, null);
            return;
        }
        entry.get().progress("started");
        inbox.add("journaled", message, message.payloadAsString());
        gate.await(60, TimeUnit.SECONDS);
    }

    public void release() {
        gate.countDown();
    }

    public Journal journal() {
        return journal;
    }
}
