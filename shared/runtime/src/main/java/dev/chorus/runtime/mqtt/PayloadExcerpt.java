package dev.chorus.runtime.mqtt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The start of a payload for an error report: text with control characters escaped, or a short hex
 * summary when the payload is not UTF-8 text.
 */
public final class PayloadExcerpt {

    public static final int MAX_CHARS = 200;
    private static final int HEX_BYTES = 32;

    private PayloadExcerpt() {}

    public static String of(byte[] payload) {
        if (payload.length == 0) {
            return "";
        }
        String text = decodeUtf8Prefix(payload);
        if (text == null || text.indexOf('\0') >= 0 || controlShare(text) > 0.3) {
            return binary(payload);
        }
        StringBuilder out = new StringBuilder(MAX_CHARS + 32);
        int chars = 0;
        int i = 0;
        while (i < text.length() && chars < MAX_CHARS) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            chars++;
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(cp) || cp == 0xFFFD) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        boolean cut = i < text.length() || payload.length > MAX_CHARS * 4 + 4;
        if (cut) {
            out.append("… (").append(payload.length).append(" bytes)");
        }
        return out.toString();
    }

    /** Decodes at most the first ~1 KiB; a multi-byte character cut at the end is not an error. Null if not UTF-8. */
    private static String decodeUtf8Prefix(byte[] payload) {
        int length = Math.min(payload.length, MAX_CHARS * 4 + 4);
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(length);
        ByteBuffer bytes = ByteBuffer.wrap(payload, 0, length);
        var result = decoder.decode(bytes, chars, length == payload.length);
        if (result.isError()) {
            return null;
        }
        if (length == payload.length) {
            try {
                decoder.flush(chars);
            } catch (IllegalStateException e) {
                return null;
            }
            if (bytes.hasRemaining()) {
                return null;
            }
        } else if (bytes.remaining() > 3) {
            return null;
        }
        chars.flip();
        return chars.toString();
    }

    private static double controlShare(String text) {
        long control = text.chars()
                .filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')
                .count();
        return text.isEmpty() ? 0 : (double) control / text.length();
    }

    private static String binary(byte[] payload) {
        StringBuilder out =
                new StringBuilder("<binary, ").append(payload.length).append(" bytes:");
        for (int i = 0; i < Math.min(payload.length, HEX_BYTES); i++) {
            out.append(' ').append(String.format("%02x", payload[i] & 0xff));
        }
        if (payload.length > HEX_BYTES) {
            out.append(" …");
        }
        return out.append('>').toString();
    }
}
