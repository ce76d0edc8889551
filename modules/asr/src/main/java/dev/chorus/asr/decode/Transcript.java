package dev.chorus.asr.decode;

import dev.chorus.protocol.messages.AsrToken;
import java.util.List;

/**
 * What the recogniser heard in one utterance.
 *
 * @param text       the words, space-separated; empty when nothing was recognised
 * @param likelihood mean word confidence, 0..1 (0 for empty text)
 * @param tokens     one per word, with character ranges in {@code text} and times in the audio
 * @param seconds    time spent decoding after the end of the audio (most of it is decoded while it is
 *                   recorded)
 */
public record Transcript(String text, double likelihood, List<AsrToken> tokens, double seconds) {

    public Transcript {
        tokens = List.copyOf(tokens);
    }

    public static Transcript empty() {
        return new Transcript("", 0.0, List.of(), 0.0);
    }
}
