package dev.chorus.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Showing payloads on a terminal, and the few WAV facts the cli needs. */
final class Payloads {

    private Payloads() {
    }

    /**
     * The payload as one line: UTF-8 text with {@code \n}, {@code \r} and {@code \t} escaped; anything
     * else (binary, control characters) as {@code <N bytes>}, plus the duration for a WAV.
     */
    static String describe(final byte[] payload) {
        final String text = text(payload);
        if (text != null) {
            return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        }
        final Wav wav = Wav.parse(payload);
        if (wav != null) {
            return String.format(Locale.ROOT, "<%d bytes, WAV %.2f s>", payload.length, wav.seconds());
        }
        return "<" + payload.length + " bytes>";
    }

    /** The payload as text, or {@code null} when it is not valid UTF-8 or has control characters. */
    static String text(final byte[] payload) {
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        final boolean control = text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t');
        return control ? null : text;
    }

    /** The format and sample data of a RIFF/WAVE payload. */
    record Wav(byte[] fmt, byte[] data) {

        /** Parsed, or {@code null} when the payload is not a WAV with a fmt and a data chunk. */
        static Wav parse(final byte[] bytes) {
            if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
                return null;
            }
            final ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] fmt = null;
            int pos = 12;
            while (pos + 8 <= bytes.length) {
                final long size = Integer.toUnsignedLong(in.getInt(pos + 4));
                final int start = pos + 8;
                // streamed WAVs may carry a data size larger than the payload (0xFFFFFFFF): take what is there
                final int end = (int) Math.min(bytes.length, start + size);
                if (ascii(bytes, pos, "fmt ") && end - start >= 16) {
                    fmt = java.util.Arrays.copyOfRange(bytes, start, end);
                } else if (ascii(bytes, pos, "data") && fmt != null) {
                    return new Wav(fmt, java.util.Arrays.copyOfRange(bytes, start, end));
                }
                pos = start + (int) Math.min(Integer.MAX_VALUE - start, size + (size & 1));
            }
            return null;
        }

        int byteRate() {
            return ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        }

        double seconds() {
            return byteRate() <= 0 ? 0 : (double) data.length / byteRate();
        }

        boolean sameFormat(final Wav other) {
            return java.util.Arrays.equals(fmt, other.fmt);
        }

        byte[] toBytes() {
            final ByteBuffer out = ByteBuffer.allocate(12 + 8 + fmt.length + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
            out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + fmt.length + 8 + data.length)
                    .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                    .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmt.length).put(fmt)
                    .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
            return out.array();
        }
    }

    /**
     * One WAV out of the parts the tts module sent for one say (one playBytes per sentence or slice),
     * in arrival order. A single part is returned as it came; parts of different formats cannot be joined.
     */
    static byte[] joinWavs(final List<byte[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Wav first = null;
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            final Wav wav = Wav.parse(part);
            if (wav == null) {
                throw CliException.failure("the tts module sent audio that is not a WAV (" + part.length + " bytes)");
            }
            if (first == null) {
                first = wav;
            } else if (!first.sameFormat(wav)) {
                throw CliException.failure("the tts module sent WAV parts in different formats; cannot join them");
            }
            data.writeBytes(wav.data());
        }
        return new Wav(first.fmt(), data.toByteArray()).toBytes();
    }

    private static boolean ascii(final byte[] bytes, final int at, final String word) {
        if (at + word.length() > bytes.length) {
            return false;
        }
        return CharBuffer.wrap(new String(bytes, at, word.length(), StandardCharsets.US_ASCII)).toString().equals(word);
    }
}
