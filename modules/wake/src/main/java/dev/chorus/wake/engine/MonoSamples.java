package dev.chorus.wake.engine;

import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.audio.Wav;

/**
 * What the models read: 16 kHz mono samples as int16 values. Any integer PCM sample size is converted and channels
 * are averaged; another sample rate is refused (resampling is the microphone's job: Hermes mics send 16 kHz).
 */
public final class MonoSamples {

    private MonoSamples() {}

    /** The samples of a WAV chunk, or an {@link InvalidAudioException} saying why not. */
    public static float[] of(byte[] wav) throws InvalidAudioException {
        Wav.Audio audio = Wav.parse(wav);
        PcmFormat format = audio.format();
        if (format.sampleRate() != OpenWakeWord.SAMPLE_RATE) {
            throw new InvalidAudioException("audio at " + format.sampleRate() + " Hz: the wake word needs "
                    + OpenWakeWord.SAMPLE_RATE + " Hz (" + format + ")");
        }
        int bytes = format.bytesPerSample();
        int channels = format.channels();
        byte[] data = audio.samples();
        int frames = data.length / format.frameSize();
        float[] out = new float[frames];
        int pos = 0;
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(data, pos, bytes);
                pos += bytes;
            }
            out[f] = sum / channels;
        }
        return out;
    }

    /** One little-endian sample scaled to the int16 range (8-bit PCM is unsigned). */
    private static float sample(byte[] d, int p, int bytes) {
        return switch (bytes) {
            case 1 -> ((d[p] & 0xff) - 128) * 256f;
            case 2 -> (short) ((d[p] & 0xff) | (d[p + 1] << 8));
            case 3 -> ((d[p] & 0xff) << 8 | (d[p + 1] & 0xff) << 16 | d[p + 2] << 24) / 65536f;
            default -> ((d[p] & 0xff) | (d[p + 1] & 0xff) << 8 | (d[p + 2] & 0xff) << 16 | d[p + 3] << 24) / 65536f;
        };
    }
}
