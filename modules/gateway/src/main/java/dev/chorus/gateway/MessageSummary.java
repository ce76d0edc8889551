package dev.chorus.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One MQTT message as a Server-Sent Event's data: JSON payloads as JSON, text as text (cut at
 * {@value #MAX_TEXT} characters), binary payloads only summarised: their size and, for a WAV, its format and
 * duration.
 *
 * @param format         {@code json}, {@code text} or {@code binary}
 * @param droppedBefore  messages this stream dropped just before this one because the client read too slowly
 */
record MessageSummary(
        long seq,
        String topic,
        String receivedAt,
        int qos,
        boolean retained,
        int bytes,
        String contentType,
        String format,
        JsonNode json,
        String text,
        Boolean truncated,
        WavInfo wav,
        Long droppedBefore) {

    static final int MAX_TEXT = 4096;
    static final int MAX_JSON_BYTES = 64 * 1024;

    record WavInfo(int sampleRate, int channels, int bitsPerSample, long durationMs) {}

    static MessageSummary of(
            long seq,
            String topic,
            byte[] payload,
            int qos,
            boolean retained,
            String contentType,
            ObjectMapper mapper,
            long droppedBefore) {
        String at = Instant.now().toString();
        Long dropped = droppedBefore > 0 ? droppedBefore : null;
        String text = utf8(payload);
        if (text != null && !hasControl(text)) {
            String trimmed = text.strip();
            if (payload.length <= MAX_JSON_BYTES && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
                try {
                    JsonNode json = mapper.readTree(payload);
                    return new MessageSummary(
                            seq,
                            topic,
                            at,
                            qos,
                            retained,
                            payload.length,
                            contentType,
                            "json",
                            json,
                            null,
                            null,
                            null,
                            dropped);
                } catch (java.io.IOException e) {
                    // not JSON after all: text
                }
            }
            boolean cut = text.length() > MAX_TEXT;
            return new MessageSummary(
                    seq,
                    topic,
                    at,
                    qos,
                    retained,
                    payload.length,
                    contentType,
                    "text",
                    null,
                    cut ? text.substring(0, MAX_TEXT) : text,
                    cut ? Boolean.TRUE : null,
                    null,
                    dropped);
        }
        WavInfo wav = wavInfo(payload);
        return new MessageSummary(
                seq, topic, at, qos, retained, payload.length, contentType, "binary", null, null, null, wav, dropped);
    }

    /** The facts of a WAV payload, or null when it is not one. */
    private static WavInfo wavInfo(byte[] payload) {
        try {
            Wav.Audio audio = Wav.parse(payload);
            PcmFormat f = audio.format();
            return new WavInfo(
                    f.sampleRate(),
                    f.channels(),
                    f.bitsPerSample(),
                    audio.duration().toMillis());
        } catch (InvalidAudioException e) {
            return null;
        }
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
    }
}
