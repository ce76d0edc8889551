package dev.chorus.protocol.messages;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** The {@code intent} object of an intent message. Wire order intentName, confidenceScore. */
@HermesMessage
public record Intent(String intentName, Double confidenceScore) {

    public Intent {
        Required.key(intentName, "intentName");
        Required.key(confidenceScore, "confidenceScore");
    }
}
