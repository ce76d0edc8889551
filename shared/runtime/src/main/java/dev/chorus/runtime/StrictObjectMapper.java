package dev.chorus.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.protocol.json.ChorusJson;
import dev.chorus.protocol.json.JsonCodec;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Applies {@link ChorusJson}'s rules to Micronaut's mapper, so MQTT and HTTP read JSON the same way. */
@Singleton
class StrictObjectMapper implements BeanCreatedEventListener<ObjectMapper> {

    /** The wire codec on that mapper (protocol has no dependency injection of its own). */
    @Factory
    static class CodecFactory {
        @Singleton
        JsonCodec jsonCodec(ObjectMapper mapper) {
            return new JsonCodec(mapper);
        }
    }

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return ChorusJson.applyRules(event.getBean());
    }
}
