package dev.chorus.audio;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** WAV payloads for the audio module's tests; the codec's own cases are in shared/protocol's WavTest. */
final class TestWavs {

    private TestWavs() {}

    /** 16-bit mono at {@code rate} Hz, every sample = {@code value}, {@code millis} long. */
    static byte[] constant16(int rate, int millis, short value) {
        int frames = rate * millis / 1000;
        ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            data.putShort(value);
        }
        return Wav.write(PcmFormat.mono16(rate), data.array());
    }

    /** A 440 Hz tone, 16-bit mono at 16 kHz, at 0.5 of full scale. */
    static byte[] tone(int millis) {
        int rate = 16_000;
        int frames = rate * millis / 1000;
        ByteBuffer data = ByteBuffer.allocate(frames * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            data.putShort((short) Math.round(16384 * Math.sin(2 * Math.PI * 440 * i / rate)));
        }
        return Wav.write(PcmFormat.mono16(rate), data.array());
    }

    /** A well-formed WAV of 32-bit IEEE float samples (format tag 3), which the module does not play. */
    static byte[] float32(int rate, byte[] data) {
        byte[] wav = Wav.write(new PcmFormat(rate, 1, 32), data);
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putShort(20, (short) 3);
        return wav;
    }

    /** {@code wav} (as {@link Wav#write} lays it out) with one more chunk after its data, e.g. Rhasspy's INFO. */
    static byte[] withChunk(byte[] wav, String id, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int chunk = 8 + bytes.length + (bytes.length & 1);
        ByteBuffer out = ByteBuffer.wrap(Arrays.copyOf(wav, wav.length + chunk)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(4, wav.length - 8 + chunk);
        out.position(wav.length);
        out.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(bytes.length).put(bytes);
        return out.array();
    }

    static short[] samples16(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        short[] out = new short[data.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getShort();
        }
        return out;
    }
}
