package dev.chorus.protocol.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The Hermes test vectors (copied into src/test/resources/hermes-vectors from the Hermes reference vectors; SOURCES.md there says where each comes from). */
final class Vectors {

    private Vectors() {}

    static byte[] bytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/hermes-vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }
}
