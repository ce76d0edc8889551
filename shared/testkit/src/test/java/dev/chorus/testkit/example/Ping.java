package dev.chorus.testkit.example;

import dev.chorus.protocol.json.HermesMessage;
import dev.chorus.protocol.json.Required;

/** Request on {@code example/ping}. */
@HermesMessage
public record Ping(String text, Integer n) {

    public Ping {
        Required.key(text, "text");
    }
}
