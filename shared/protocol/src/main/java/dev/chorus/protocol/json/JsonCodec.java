package dev.chorus.protocol.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Encodes and decodes wire messages with the stack's {@link ObjectMapper} (in a module: Micronaut's mapper made strict
 * by {@link ChorusJson}; the runtime provides the codec as a bean). Encoding uses Python's separators so that a Hermes record is written exactly as
 * rhasspy-hermes writes it.
 */
public class JsonCodec {

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    public JsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writer = mapper.writer(new HermesPrettyPrinter());
    }

    /** A codec on its own strict mapper, for code and tests without an application context. */
    public static JsonCodec standalone() {
        return new JsonCodec(ChorusJson.newMapper());
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object message) {
        try {
            return writer.writeValueAsBytes(message);
        } catch (JacksonException e) {
            throw new UncheckedIOException(
                    "cannot encode " + message.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public String encodeToString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @throws DecodeException when the payload is not JSON, not an object, misses a required key or has a
     *                         value of the wrong type
     */
    public <T> T decode(byte[] payload, Class<T> type) throws DecodeException {
        ObjectNode tree = parseObject(payload);
        try {
            return mapper.treeToValue(tree, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DecodeException(describe(e), tree);
        }
    }

    public <T> T decode(String payload, Class<T> type) throws DecodeException {
        return decode(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /** The payload as a JSON object, or empty when it is not one. Never throws. */
    public Optional<ObjectNode> tryParseObject(byte[] payload) {
        try {
            return Optional.of(parseObject(payload));
        } catch (DecodeException e) {
            return Optional.empty();
        }
    }

    private ObjectNode parseObject(byte[] payload) throws DecodeException {
        JsonNode node;
        try {
            node = mapper.readTree(payload);
        } catch (JacksonException e) {
            throw new DecodeException("not JSON: " + oneLine(e.getOriginalMessage()), null);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("not JSON: " + oneLine(String.valueOf(e.getMessage())), null);
        }
        if (node == null || node.isMissingNode()) {
            throw new DecodeException("not JSON: empty payload", null);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new DecodeException(
                    "not a JSON object: " + node.getNodeType().name().toLowerCase(), null);
        }
        return object;
    }

    private static String describe(Exception e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof IllegalArgumentException iae) {
            return where(vie) + oneLine(iae.getMessage());
        }
        if (e instanceof JsonMappingException jme) {
            return where(jme) + oneLine(jme.getOriginalMessage());
        }
        if (e instanceof JacksonException je) {
            return oneLine(je.getOriginalMessage());
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return oneLine(String.valueOf(cause.getMessage()));
    }

    /** "init.canBeEnqueued: " for errors below the top level, so the report names the key. */
    private static String where(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "" : path + ": ";
    }

    private static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
