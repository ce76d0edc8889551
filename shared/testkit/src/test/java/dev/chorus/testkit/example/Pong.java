package dev.chorus.testkit.example;

import dev.chorus.protocol.json.HermesMessage;

/** Answer to {@link Ping}. */
@HermesMessage
public record Pong(String text, Integer n, String from) {}
