package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chorus.protocol.json.JsonCodec;
import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.MessageListener;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners that name one queue see their messages one at a time in arrival order, across topics. */
class SharedQueueTest {

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final Subscriptions subscriptions = new Subscriptions();
    private final ListenerDispatch dispatch = new ListenerDispatch(
            "test",
            65536,
            JsonCodec.standalone(),
            subscriptions,
            workers,
            (t, m) -> {},
            Clock.systemUTC(),
            new MqttMetrics());
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);

    @AfterEach
    void stop() {
        gate.countDown();
        workers.shutdownNow();
    }

    @Test
    void aMessageOfAnotherTopicWaitsForTheEarlierOneOfTheSameQueue() {
        dispatch.register(listener("a/off", "site"));
        dispatch.register(listener("a/play", "site"));
        send("a/off");
        send("a/play");
        await().until(() -> events.contains("start a/off"));
        gate.countDown();
        await().until(() -> events.size() == 4);
        assertThat(events).containsExactly("start a/off", "end a/off", "start a/play", "end a/play");
    }

    @Test
    void listenersWithoutAQueueRunSideBySide() {
        dispatch.register(listener("b/slow", null));
        dispatch.register(listener("b/fast", null));
        send("b/slow");
        send("b/fast");
        // the second ends while the first still waits for the gate
        await().until(() -> events.contains("end b/fast"));
        assertThat(events).doesNotContain("end b/slow");
    }

    private void send(String topic) {
        subscriptions.dispatch(InboundMessage.of(topic, "x".getBytes(StandardCharsets.UTF_8)), List.of());
    }

    private MessageListener listener(String topic, String queue) {
        return new MessageListener() {
            @Override
            public String topicFilter() {
                return topic;
            }

            @Override
            public String queue() {
                return queue;
            }

            @Override
            public void onMessage(InboundMessage message) throws InterruptedException {
                events.add("start " + topic);
                if (!topic.endsWith("fast")) {
                    gate.await(30, TimeUnit.SECONDS);
                }
                events.add("end " + topic);
            }
        };
    }
}
