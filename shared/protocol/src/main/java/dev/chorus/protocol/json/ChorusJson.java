package dev.chorus.protocol.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The strict JSON rules of the stack, applied to Micronaut's {@link ObjectMapper} bean (so HTTP endpoints
 * follow them too) and to standalone mappers in unit tests:
 * unknown keys ignored, no silent type coercion ({@code "text": 5}, {@code "siteId": true},
 * {@code "canBeEnqueued": 1}, {@code "volume": "1"}, {@code "start": 1.5} are all errors), no single value
 * as array or array as single value, no trailing data, no duplicate keys.
 * An integer where a float is expected is accepted: both are JSON numbers.
 */
public final class ChorusJson {

    private ChorusJson() {}

    public static ObjectMapper newMapper() {
        return applyRules(new ObjectMapper().findAndRegisterModules());
    }

    public static ObjectMapper applyRules(ObjectMapper mapper) {
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        // Micronaut turns both on; they are coercions ("x" read as ["x"] and back)
        mapper.configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);
        mapper.configure(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS, false);
        mapper.configure(DeserializationFeature.ACCEPT_FLOAT_AS_INT, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        mapper.configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature(), true);
        mapper.configure(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature(), false);

        fail(
                mapper,
                LogicalType.Textual,
                CoercionInputShape.Integer,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        fail(
                mapper,
                LogicalType.Integer,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString,
                CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        fail(
                mapper,
                LogicalType.Float,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString,
                CoercionInputShape.Boolean);
        fail(
                mapper,
                LogicalType.Boolean,
                CoercionInputShape.String,
                CoercionInputShape.EmptyString,
                CoercionInputShape.Integer,
                CoercionInputShape.Float);
        for (LogicalType structured :
                new LogicalType[] {LogicalType.POJO, LogicalType.Collection, LogicalType.Array, LogicalType.Map}) {
            fail(
                    mapper,
                    structured,
                    CoercionInputShape.String,
                    CoercionInputShape.EmptyString,
                    CoercionInputShape.Integer,
                    CoercionInputShape.Float,
                    CoercionInputShape.Boolean);
        }
        return mapper;
    }

    private static void fail(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
