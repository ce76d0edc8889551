package dev.chorus.gateway;

import dev.chorus.protocol.Topics;
import dev.chorus.protocol.messages.PlayFinished;
import dev.chorus.testkit.FakeModule;
import dev.chorus.testkit.InProcessBroker;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The audio module's part in the gateway's tests: principal {@code audio}, answers every playBytes with playFinished at once. */
final class FakeAudioServer implements AutoCloseable {

    private final FakeModule module;
    private final AtomicInteger plays = new AtomicInteger();

    private FakeAudioServer(InProcessBroker broker) {
        module = FakeModule.start(broker, "audio");
        module.on(Topics.PLAY_BYTES_FILTER, m -> {
            Map<String, String> levels = Topics.PLAY_BYTES.match(m.topic()).orElseThrow();
            plays.incrementAndGet();
            module.publishJson(
                    Topics.playFinished(levels.get("siteId")),
                    new PlayFinished(levels.get("requestId"), levels.get("requestId")));
        });
    }

    static FakeAudioServer start(InProcessBroker broker) {
        return new FakeAudioServer(broker);
    }

    int plays() {
        return plays.get();
    }

    @Override
    public void close() {
        module.close();
    }
}
