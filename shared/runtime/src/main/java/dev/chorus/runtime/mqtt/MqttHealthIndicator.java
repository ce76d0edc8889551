package dev.chorus.runtime.mqtt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/** {@code mqtt} in {@code GET /health}: UP while connected to the broker, DOWN with the reason otherwise. */
@Singleton
@Requires(property = "chorus.mqtt.enabled", notEquals = "false")
class MqttHealthIndicator implements HealthIndicator {

    static final String NAME = "mqtt";

    private final ChorusMqtt mqtt;

    MqttHealthIndicator(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        MqttStatus s = mqtt.status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("uri", s.uri());
        details.put("clientId", s.clientId());
        details.put(
                s.connected() ? "connectedSince" : "disconnectedSince",
                s.since().toString());
        if (s.lastError() != null) {
            details.put("lastError", s.lastError());
        }
        details.put("queued", s.queued());
        if (!mqtt.refusedFilters().isEmpty()) {
            details.put("refusedSubscriptions", mqtt.refusedFilters());
        }
        return Publishers.just(HealthResult.builder(NAME, s.connected() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
