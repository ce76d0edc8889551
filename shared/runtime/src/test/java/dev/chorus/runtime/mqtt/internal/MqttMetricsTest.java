package dev.chorus.runtime.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.client.SerialExecutor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;

/** The registry comes after the connection and its first listeners (MqttMeterBinder binds it at start-up). */
class MqttMetricsTest {

    @Test
    void aRegistryBoundLateGetsTheMetersOfWhatIsThereAndCountsFromThen() {
        MqttMetrics metrics = new MqttMetrics();
        metrics.connection(() -> true, () -> 3, () -> 0);
        LongConsumer handler = metrics.handler("SayListener");
        metrics.queue("SayListener", new SerialExecutor(Runnable::run));
        metrics.received("hermes/tts/say");
        handler.accept(1_000_000);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.get("chorus.mqtt.connected").gauge().value()).isEqualTo(1);
        assertThat(registry.get("chorus.mqtt.outbox").gauge().value()).isEqualTo(3);
        assertThat(registry.get(MqttMetrics.QUEUE).tag("queue", "SayListener").gauge())
                .isNotNull();
        assertThat(registry.get(MqttMetrics.HANDLER)
                        .tag("listener", "SayListener")
                        .timer()
                        .count())
                .isZero();

        metrics.received("hermes/tts/say");
        handler.accept(2_000_000);
        metrics.handler("PingListener").accept(1);
        assertThat(registry.get(MqttMetrics.MESSAGES_IN)
                        .tag("family", "hermes/tts/say")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MqttMetrics.HANDLER)
                        .tag("listener", "SayListener")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(MqttMetrics.HANDLER)
                        .tag("listener", "PingListener")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
