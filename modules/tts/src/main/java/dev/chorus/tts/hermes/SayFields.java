package dev.chorus.tts.hermes;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The correlation keys of a say ({@code id}, {@code siteId}, {@code sessionId}), read leniently:
 * from the top level of a JSON object, up to the first syntax error. So a say whose {@code id}
 * can be read still gets its error and its sayFinished when another key is wrong, or when the
 * JSON breaks off after the {@code id}.
 *
 * @param object    the payload starts as a JSON object (otherwise nothing could be read)
 * @param id        {@code id} as text (a number is taken as its text), or null
 * @param siteId    {@code siteId} when it is a string, or null
 * @param sessionId {@code sessionId} when it is a string, or null
 */
record SayFields(
        boolean object,
        @Nullable String id,
        @Nullable String siteId,
        @Nullable String sessionId) {

    static SayFields read(final JsonFactory json, final byte[] payload) {
        final Map<String, String> found = new HashMap<>();
        boolean object = false;
        try (JsonParser p = json.createParser(payload)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                object = true;
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    final String key = p.currentName();
                    final JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING
                            || (key.equals("id")
                                    && (value == JsonToken.VALUE_NUMBER_INT
                                            || value == JsonToken.VALUE_NUMBER_FLOAT))) {
                        found.put(key, p.getText());
                    } else if (value == JsonToken.VALUE_NULL) {
                        found.remove(key);
                    } else if (value != null) {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // keep what was read before the error
        }
        return new SayFields(object, found.get("id"), found.get("siteId"), found.get("sessionId"));
    }
}
