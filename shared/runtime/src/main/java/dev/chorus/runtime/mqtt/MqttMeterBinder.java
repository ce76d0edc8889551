package dev.chorus.runtime.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Binds the MQTT layer's meters ({@link ChorusMqtt#meters()}) to Micronaut's registry, which binds every
 * {@link MeterBinder} bean when it is built ({@link MqttStarter} builds it before connecting).
 *
 * <p>A bean of its own so the dependency points this way: it depends on {@link ChorusMqtt}, ChorusMqtt does not
 * depend on the registry. Micronaut destroys dependents first, ordered by the types beans are built from; its
 * registry beans are in a cycle there (the composite is built from every MeterRegistry), which it breaks one bean
 * at a time, whatever depends on what. ChorusMqtt must stay out of that, to close after every bean that publishes
 * from its @PreDestroy (the audio Player answers the requests it holds).
 *
 * <p>Micronaut builds the registry on its own too (for its executors, say), which builds every binder: with the
 * runtime off, this one would build a ChorusMqtt nobody asked for, from settings a unit test need not have.
 */
@Singleton
@Requires(property = "chorus.mqtt.enabled", notEquals = "false")
class MqttMeterBinder implements MeterBinder {

    private final ChorusMqtt mqtt;

    MqttMeterBinder(ChorusMqtt mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        mqtt.meters().bindTo(registry);
    }
}
