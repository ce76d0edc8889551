package dev.chorus.shared.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Applies {@link ChorusJson}'s rules to Micronaut's mapper, so MQTT and HTTP read JSON the same way. */
@Singleton
class StrictObjectMapper implements BeanCreatedEventListener<ObjectMapper> {

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return ChorusJson.applyRules(event.getBean());
    }
}
