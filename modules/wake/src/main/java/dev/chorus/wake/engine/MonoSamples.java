package dev.chorus.wake.engine;

import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;

/**
 * What the models read: 16 kHz mono samples as int16 values, from any integer PCM the WAV codec reads (converted
 * by the shared {@link PcmConverter}; Hermes mics send 16 kHz mono, which passes unchanged). Each chunk is converted
 * on its own, so a stream at another rate gets small seams at chunk edges: fine for detection.
 */
public final class MonoSamples {

    private MonoSamples() {}

    /** The samples of a WAV chunk, or an {@link InvalidAudioException} saying why not. */
    public static float[] of(byte[] wav) throws InvalidAudioException {
        short[] samples = PcmConverter.toSamples(Wav.parse(wav));
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i];
        }
        return out;
    }
}
