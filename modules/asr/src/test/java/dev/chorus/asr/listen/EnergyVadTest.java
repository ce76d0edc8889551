package dev.chorus.asr.listen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyVadTest {

    private static final Random RANDOM = new Random(7);

    @Test
    void speechThenTrailingSilenceEndsIt() {
        EnergyVad vad = new EnergyVad(12, 600, 200);
        assertThat(vad.accept(noise(500, 100))).isFalse();
        assertThat(vad.accept(tone(800, 8000))).isFalse();
        assertThat(vad.heardSpeech()).isTrue();
        assertThat(vad.accept(noise(500, 100)))
                .as("0.5 s of silence is not enough")
                .isFalse();
        assertThat(vad.accept(noise(150, 100))).isTrue();
        assertThat(vad.lastSpeechEndMillis()).isEqualTo(1300);
    }

    @Test
    void noiseAloneIsNotSpeechWhateverItsLevel() {
        EnergyVad vad = new EnergyVad(12, 600, 200);
        assertThat(vad.accept(noise(3000, 3000))).isFalse();
        assertThat(vad.heardSpeech()).isFalse();
        assertThat(vad.lastSpeechEndMillis()).isEqualTo(-1);
    }

    @Test
    void tooLittleSpeechCannotBeEndedBySilence() {
        EnergyVad vad = new EnergyVad(12, 300, 200);
        vad.accept(noise(300, 100));
        vad.accept(tone(100, 8000)); // a click, 0.1 s
        assertThat(vad.accept(noise(1000, 100))).isFalse();
        assertThat(vad.heardSpeech()).isFalse();
    }

    @Test
    void aSessionThatStartsInTheMiddleOfSpeechFindsTheFloorInThePauses() {
        EnergyVad vad = new EnergyVad(12, 600, 200);
        vad.accept(tone(400, 8000));
        vad.accept(noise(300, 100));
        vad.accept(tone(500, 8000));
        assertThat(vad.heardSpeech()).isTrue();
        assertThat(vad.accept(noise(700, 100))).isTrue();
    }

    @Test
    void digitalSilenceIsAFloorToo() {
        EnergyVad vad = new EnergyVad(12, 600, 200);
        vad.accept(new short[8000]);
        vad.accept(tone(500, 3000));
        assertThat(vad.accept(new short[16000])).isTrue();
    }

    static short[] tone(int millis, int amplitude) {
        short[] out = new short[millis * 16];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (amplitude * Math.sin(2 * Math.PI * 300 * i / 16000.0));
        }
        return out;
    }

    static short[] noise(int millis, int amplitude) {
        short[] out = new short[millis * 16];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) (RANDOM.nextGaussian() * amplitude);
        }
        return out;
    }
}
