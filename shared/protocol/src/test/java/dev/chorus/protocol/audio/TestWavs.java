package dev.chorus.protocol.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** WAV files for tests, built byte by byte (independent of {@link Wav#write}). */
final class TestWavs {

    private TestWavs() {}

    /** A RIFF/WAVE file with a 16-byte fmt chunk and a data chunk. */
    static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        return riff(fmt(formatTag, channels, rate, bits, channels * bits / 8), chunk("data", data));
    }

    static byte[] fmt(int formatTag, int channels, int rate, int bits, int blockAlign) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) formatTag)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bits);
        return chunk("fmt ", b.array());
    }

    /** WAVE_FORMAT_EXTENSIBLE fmt chunk (40 bytes) with the given sub-format. */
    static byte[] fmtExtensible(int channels, int rate, int bits, int subFormat) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bits / 8;
        b.putShort((short) 0xFFFE)
                .putShort((short) channels)
                .putInt(rate)
                .putInt(rate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) bits)
                .putShort((short) 22)
                .putShort((short) bits)
                .putInt(3)
                .putShort((short) subFormat)
                .put(new byte[] {
                    0x00,
                    0x00,
                    0x00,
                    0x00,
                    0x10,
                    0x00,
                    (byte) 0x80,
                    0x00,
                    0x00,
                    (byte) 0xAA,
                    0x00,
                    0x38,
                    (byte) 0x9B,
                    0x71
                });
        return chunk("fmt ", b.array());
    }

    /** A chunk with its size field = the body length, padded to even length. */
    static byte[] chunk(String id, byte[] body) {
        return chunk(id, body, body.length);
    }

    static byte[] chunk(String id, byte[] body, long declaredSize) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.ISO_8859_1))
                .putInt((int) declaredSize)
                .put(body);
        return b.array();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteBuffer b = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt(body.size()).put(body.toByteArray());
        return b.array();
    }
}
