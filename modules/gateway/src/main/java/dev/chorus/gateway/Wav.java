package dev.chorus.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/** Just enough RIFF/WAVE: the format and data of a PCM WAV, and joining the chunks of one say into one file. */
public record Wav(int format, int channels, int sampleRate, int bitsPerSample, int dataOffset, int dataLength) {

    /** Duration in milliseconds. */
    public long durationMillis() {
        int frameBytes = Math.max(1, channels * ((bitsPerSample + 7) / 8));
        return sampleRate == 0 ? 0 : (long) dataLength / frameBytes * 1000L / sampleRate;
    }

    /** The WAV header facts, or empty when the bytes are not a WAV file. */
    public static Optional<Wav> parse(byte[] bytes) {
        if (bytes.length < 12 || !ascii(bytes, 0, "RIFF") || !ascii(bytes, 8, "WAVE")) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= bytes.length) {
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (ascii(bytes, pos, "fmt ") && size >= 16 && body + 16 <= bytes.length) {
                format = Short.toUnsignedInt(b.getShort(body));
                channels = Short.toUnsignedInt(b.getShort(body + 2));
                rate = b.getInt(body + 4);
                bits = Short.toUnsignedInt(b.getShort(body + 14));
            } else if (ascii(bytes, pos, "data")) {
                if (format < 0) {
                    return Optional.empty();
                }
                int length = (int) Math.min(size, bytes.length - body); // streaming writers put 0 or ~0 here
                if (size == 0 || size == 0xFFFFFFFFL) {
                    length = bytes.length - body;
                }
                return Optional.of(new Wav(format, channels, rate, bits, body, length));
            }
            pos = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body);
        }
        return Optional.empty();
    }

    /**
     * One WAV with the data of every part, in order, when all parts are PCM WAVs of one format;
     * otherwise the last part alone (the browser can still play it).
     */
    public static byte[] join(List<byte[]> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Wav first = null;
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            Optional<Wav> wav = parse(part);
            if (wav.isEmpty() || (first != null && !first.sameFormat(wav.get()))) {
                return parts.get(parts.size() - 1);
            }
            if (first == null) {
                first = wav.get();
            }
            data.write(part, wav.get().dataOffset(), wav.get().dataLength());
        }
        return first == null ? new byte[0] : pcm(first, data.toByteArray());
    }

    private boolean sameFormat(Wav o) {
        return format == o.format && channels == o.channels && sampleRate == o.sampleRate && bitsPerSample == o.bitsPerSample;
    }

    static byte[] pcm(Wav format, byte[] data) {
        int blockAlign = format.channels * ((format.bitsPerSample + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) format.format).putShort((short) format.channels).putInt(format.sampleRate)
                .putInt(format.sampleRate * blockAlign).putShort((short) blockAlign).putShort((short) format.bitsPerSample)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static boolean ascii(byte[] bytes, int at, String tag) {
        if (at + tag.length() > bytes.length) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            if (bytes[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
