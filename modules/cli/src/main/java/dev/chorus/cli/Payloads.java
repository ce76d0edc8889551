package dev.chorus.cli;

import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Showing payloads on a terminal, and the few WAV facts the cli needs. */
final class Payloads {

    private Payloads() {}

    /**
     * The payload as one line: UTF-8 text with {@code \n}, {@code \r} and {@code \t} escaped; anything
     * else (binary, control characters) as {@code <N bytes>}, plus the duration for a WAV.
     */
    static String describe(final byte[] payload) {
        final String text = text(payload);
        if (text != null) {
            return text.replace("\\", "\\\\")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                    .replace("\t", "\\t");
        }
        try {
            final Wav.Audio wav = Wav.parse(payload);
            return String.format(Locale.ROOT, "<%d bytes, WAV %.2f s>", payload.length, wav.durationNanos() / 1e9);
        } catch (InvalidAudioException e) {
            return "<" + payload.length + " bytes>";
        }
    }

    /** The payload as text, or {@code null} when it is not valid UTF-8 or has control characters. */
    static String text(final byte[] payload) {
        final String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        final boolean control =
                text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
        return control ? null : text;
    }

    /**
     * One WAV out of the parts the tts module sent for one say (one playBytes per sentence or slice, see
     * {@link dev.chorus.protocol.PlayIds}), in arrival order. Parts of different formats cannot be joined.
     */
    static byte[] joinWavs(final List<byte[]> parts) {
        try {
            return Wav.join(parts);
        } catch (InvalidAudioException e) {
            throw CliException.failure("cannot join the audio the tts module sent: " + e.getMessage());
        }
    }
}
