package dev.chorus.protocol.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A payload that is not a valid message of the expected type. The message says why, in one line. */
public final class DecodeException extends Exception {

    private final transient ObjectNode tree;

    public DecodeException(String message, ObjectNode tree) {
        super(message);
        this.tree = tree;
    }

    /** The payload as a JSON object when it was one (wrong or missing keys), for error reports. */
    public Optional<ObjectNode> tree() {
        return Optional.ofNullable(tree);
    }
}
