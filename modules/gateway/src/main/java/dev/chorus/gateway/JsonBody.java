package dev.chorus.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * A request body read as a JSON object with precise answers: not JSON or not an object → 400; a field of the
 * wrong JSON type → 400 naming the field; the right type but a wrong value is the caller's 422.
 * Unknown fields are ignored (the stack's JSON rule).
 */
final class JsonBody {

    private final ObjectNode tree;

    private JsonBody(ObjectNode tree) {
        this.tree = tree;
    }

    static JsonBody parse(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw Problem.badRequest("empty body: send a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage();
            var where = e.getLocation();
            throw Problem.badRequest("malformed JSON"
                    + (where != null ? " at line " + where.getLineNr() + ", column " + where.getColumnNr() : "") + ": "
                    + why.lines().findFirst().orElse(why));
        }
        if (!(node instanceof ObjectNode object)) {
            throw Problem.badRequest("the body must be a JSON object, got " + kind(node));
        }
        return new JsonBody(object);
    }

    ObjectNode tree() {
        return tree;
    }

    boolean has(String field) {
        JsonNode n = tree.get(field);
        return n != null && !n.isNull();
    }

    Optional<JsonNode> node(String field) {
        return Optional.ofNullable(tree.get(field)).filter(n -> !n.isNull());
    }

    Optional<String> string(String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw wrongType(field, "a string", n);
        }
        return Optional.of(n.textValue());
    }

    String requiredString(String field) {
        return string(field)
                .orElseThrow(() -> Problem.badRequest(field + ": required (a string)")
                        .with("errors", java.util.List.of(new Problem.FieldError(field, "required"))));
    }

    Optional<Integer> integer(String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrongType(field, "a whole number", n);
        }
        return Optional.of(n.intValue());
    }

    Optional<Boolean> bool(String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw wrongType(field, "true or false", n);
        }
        return Optional.of(n.booleanValue());
    }

    /** A list of strings; null or absent is empty (no list given). */
    Optional<java.util.List<String>> strings(String field) {
        JsonNode n = tree.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isArray()) {
            throw wrongType(field, "a list of strings", n);
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual()) {
                throw wrongType(field, "a list of strings", n);
            }
            values.add(item.textValue());
        }
        return Optional.of(java.util.List.copyOf(values));
    }

    private static Problem wrongType(String field, String expected, JsonNode got) {
        return Problem.badRequest(field + ": must be " + expected + ", got " + kind(got))
                .with("errors", java.util.List.of(new Problem.FieldError(field, "must be " + expected)));
    }

    static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
