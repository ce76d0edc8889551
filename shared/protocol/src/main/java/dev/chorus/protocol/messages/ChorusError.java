package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * On {@code chorus/error/{module}}: a message the module could not handle.
 *
 * @param topic          where the message came in
 * @param error          one line saying what was wrong
 * @param payloadExcerpt the start of the payload, control characters escaped, or a summary of binary data
 * @param at             ISO-8601 instant
 */
@HermesMessage
public record ChorusError(String topic, String error, String payloadExcerpt, String at) {

    public ChorusError {
        Required.key(topic, "topic");
        Required.key(error, "error");
        Required.key(at, "at");
    }

    public static ChorusError of(String topic, String error, String payloadExcerpt, Instant at) {
        return new ChorusError(
                topic, error, payloadExcerpt, at.truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
