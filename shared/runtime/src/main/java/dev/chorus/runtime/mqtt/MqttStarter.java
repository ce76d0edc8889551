package dev.chorus.runtime.mqtt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Collects every {@link MessageListener} and {@link JsonListener} bean once the context is up and starts
 * the connection. Listeners are looked up here, not injected into {@link ChorusMqtt}, so a listener can
 * itself inject ChorusMqtt to publish.
 *
 * <p>{@code chorus.mqtt.enabled=false} turns the runtime off for pure unit tests of a module.
 */
@Singleton
@Requires(property = "chorus.mqtt.enabled", notEquals = "false")
class MqttStarter implements ApplicationEventListener<StartupEvent> {

    private final BeanContext context;

    MqttStarter(BeanContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        ChorusMqtt mqtt = context.getBean(ChorusMqtt.class);
        // Micronaut builds its registry on first use (a scrape, say) and binds the MeterBinder beans then, the
        // MQTT layer's (MqttMeterBinder) among them: build it now, so the meters count from the first connect.
        // None when metrics are off (micronaut.metrics.enabled=false).
        context.findBean(MeterRegistry.class);
        Collection<MessageListener> raw = context.getBeansOfType(MessageListener.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Collection<JsonListener<?>> json = (Collection) context.getBeansOfType(JsonListener.class);
        mqtt.start(new ArrayList<>(raw), new ArrayList<>(json));
    }
}
