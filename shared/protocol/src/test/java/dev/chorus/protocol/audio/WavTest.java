package dev.chorus.protocol.audio;

import static dev.chorus.protocol.audio.TestWavs.chunk;
import static dev.chorus.protocol.audio.TestWavs.fmt;
import static dev.chorus.protocol.audio.TestWavs.riff;
import static dev.chorus.protocol.audio.TestWavs.wav;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The codec's cases, merged from the audio, tts and gateway copies it replaced. */
class WavTest {

    @ParameterizedTest
    @CsvSource({
        "16000, 1, 8,  16000, 1000000000",
        "16000, 1, 16, 32000, 1000000000",
        "44100, 2, 16, 44100, 250000000",
        "48000, 2, 24, 48000, 166666667",
        "22050, 1, 32, 88200, 1000000000",
        "8000,  6, 16, 96000, 1000000000",
    })
    void readsEveryPcmWidthRateAndChannelCount(int rate, int channels, int bits, int dataBytes, long nanos)
            throws InvalidAudioException {
        byte[] data = new byte[dataBytes];
        new Random(1).nextBytes(data);
        Wav.Audio audio = Wav.parse(wav(1, channels, rate, bits, data));
        assertThat(audio.format()).isEqualTo(new PcmFormat(rate, channels, bits));
        assertThat(audio.samples()).isEqualTo(data);
        assertThat(audio.durationNanos()).isEqualTo(nanos);
        assertThat(audio.infoVolume()).isNull();
    }

    @Test
    void readsWaveFormatExtensiblePcm() throws InvalidAudioException {
        byte[] data = new byte[48_000 * 2 * 3 / 10];
        Wav.Audio audio = Wav.parse(riff(TestWavs.fmtExtensible(2, 48_000, 24, 1), chunk("data", data)));
        assertThat(audio.format()).isEqualTo(new PcmFormat(48_000, 2, 24));
        assertThat(audio.durationNanos()).isEqualTo(100_000_000L);
    }

    @Test
    void skipsOtherChunksWithTheirPaddingAndReadsAnInfoVolume() throws InvalidAudioException {
        byte[] data = {1, 2, 3, 4};
        byte[] wav = riff(
                chunk("LIST", "odd".getBytes(StandardCharsets.US_ASCII)),
                fmt(1, 1, 16_000, 16, 2),
                chunk("fact", new byte[] {9, 9, 9, 9}),
                chunk("data", data),
                chunk("INFO", "{\"volume\": 0.25}".getBytes(StandardCharsets.UTF_8)));
        Wav.Audio audio = Wav.parse(wav);
        assertThat(audio.samples()).containsExactly(data);
        assertThat(audio.infoVolume()).isEqualTo(0.25);
    }

    @Test
    void anInfoChunkThatIsNotJsonIsIgnored() throws InvalidAudioException {
        byte[] wav = riff(
                fmt(1, 1, 16_000, 16, 2),
                chunk("data", new byte[4]),
                chunk("INFO", "ISFT Lavf58".getBytes(StandardCharsets.US_ASCII)));
        assertThat(Wav.parse(wav).infoVolume()).isNull();
    }

    @Test
    void streamingDataSizesMeanUpToTheEnd_zeroUnknownOrTooLarge() throws InvalidAudioException {
        byte[] data = new byte[3200];
        Arrays.fill(data, (byte) 7);
        for (long declared : new long[] {0L, 0xFFFF_FFFFL, 1_000_000L}) {
            Wav.Audio audio = Wav.parse(riff(fmt(1, 1, 16_000, 16, 2), chunk("data", data, declared)));
            assertThat(audio.samples()).hasSize(3200);
            assertThat(audio.durationNanos()).isEqualTo(100_000_000L);
        }
    }

    @Test
    void aTrailingPartialFrameIsDropped() throws InvalidAudioException {
        Wav.Audio audio = Wav.parse(wav(1, 2, 16_000, 16, new byte[4 * 10 + 3]));
        assertThat(audio.samples()).hasSize(40);
        assertThat(audio.frames()).isEqualTo(10);
    }

    @Test
    void emptyDataIsValidAndLastsNothing() throws InvalidAudioException {
        assertThat(Wav.parse(wav(1, 1, 16_000, 16, new byte[0])).durationNanos())
                .isZero();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "3  | 1 | 16000  | 32 | unsupported encoding: format tag 3 (IEEE float); only integer PCM is played",
                "7  | 1 | 8000   | 8  | unsupported encoding: format tag 7 (mu-law); only integer PCM is played",
                "85 | 1 | 16000  | 16 | unsupported encoding: format tag 85 (MP3); only integer PCM is played",
                "1  | 1 | 16000  | 12 | unsupported sample size: 12 bits (8, 16, 24 or 32)",
                "1  | 0 | 16000  | 16 | unsupported channel count: 0 (1..32)",
                "1  | 1 | 1      | 16 | unsupported sample rate: 1 Hz (1000..768000)",
                "1  | 1 | 900000 | 16 | unsupported sample rate: 900000 Hz (1000..768000)",
            })
    void refusesWhatItCannotPlayNamingTheProblem(int tag, int channels, int rate, int bits, String message) {
        byte[] wav =
                riff(fmt(tag, channels, rate, bits, Math.max(1, channels * bits / 8)), chunk("data", new byte[64]));
        assertThatThrownBy(() -> Wav.parse(wav))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage(message);
    }

    @Test
    void refusesBrokenStructure() {
        byte[] data = chunk("data", new byte[8]);
        byte[] fmt16 = fmt(1, 1, 16_000, 16, 2);
        assertInvalid(new byte[0], "not a WAV file: 0 bytes, shorter than a RIFF header");
        assertInvalid(
                "ID3\u0003 some mp3 data".getBytes(StandardCharsets.ISO_8859_1),
                "not a WAV file: no RIFF/WAVE header (starts with 4944330320736f6d65206d70)");
        assertInvalid(
                "RIFX\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1), "big-endian WAV (RIFX) is not supported");
        assertInvalid(riff(data), "data chunk before the fmt chunk");
        assertInvalid(riff(fmt16), "no data chunk");
        assertInvalid(riff(chunk("LIST", new byte[2])), "no fmt chunk");
        assertInvalid(riff(fmt16, fmt16, data), "more than one fmt chunk");
        assertInvalid(riff(fmt16, data, data), "more than one data chunk");
        assertInvalid(riff(chunk("fmt ", new byte[12]), data), "unsupported fmt chunk: 12 bytes (16, 18 or 40)");
        assertInvalid(
                riff(chunk("fmt ", Arrays.copyOf(body(fmt16), 24)), data),
                "unsupported fmt chunk: 24 bytes (16, 18 or 40)");
        assertInvalid(
                riff(chunk("fmt ", Arrays.copyOf(body(TestWavs.fmtExtensible(1, 16_000, 16, 1)), 18)), data),
                "WAVE_FORMAT_EXTENSIBLE fmt chunk too short: 18 bytes, need 40");
        assertInvalid(
                riff(fmt(1, 2, 16_000, 16, 2), data),
                "inconsistent fmt chunk: block align 2 for 16-bit 16000 Hz 2 channels (expected 4)");
        assertInvalid(
                riff(TestWavs.fmtExtensible(1, 16_000, 32, 3), data),
                "unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format 3 (IEEE float); only integer PCM is played");
        byte[] truncated = riff(chunk("LIST", new byte[4], 4000), fmt16, data);
        assertInvalid(
                Arrays.copyOf(truncated, 40), "truncated: chunk \"LIST\" at byte 12 claims 4000 bytes, only 20 follow");
    }

    @Test
    void randomBytesAreRefusedNotThrownAsAnythingElse() {
        Random random = new Random(5);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length >= 12) { // a valid header start, garbage after it
                System.arraycopy("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 0, 12);
            }
            try {
                Wav.parse(bytes);
            } catch (InvalidAudioException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void writeThenParseGivesTheSameAudio() throws InvalidAudioException {
        byte[] samples = new byte[3 * 2 * 11];
        new Random(3).nextBytes(samples);
        PcmFormat format = new PcmFormat(44_100, 2, 24);
        byte[] wav = Wav.write(format, samples);
        assertThat(wav).hasSize(44 + samples.length);
        Wav.Audio audio = Wav.parse(wav);
        assertThat(audio.format()).isEqualTo(format);
        assertThat(audio.samples()).isEqualTo(samples);
    }

    @Test
    void anOddDataChunkIsPadded() throws InvalidAudioException {
        byte[] wav = Wav.write(new PcmFormat(8000, 1, 8), new byte[] {1, 2, 3});
        assertThat(wav).hasSize(44 + 4);
        assertThat(Wav.parse(wav).samples()).containsExactly(1, 2, 3);
    }

    @Test
    void anEighteenByteFmtChunkIsRead() throws InvalidAudioException {
        byte[] fmt18 = chunk("fmt ", Arrays.copyOf(body(fmt(1, 1, 16_000, 16, 2)), 18)); // cbSize = 0
        assertThat(Wav.parse(riff(fmt18, chunk("data", new byte[4]))).format()).isEqualTo(new PcmFormat(16_000, 1, 16));
    }

    @Test
    void aZeroSizeDataChunkTakesTheRestOfThePayload() throws InvalidAudioException {
        byte[] wav = riff(fmt(1, 1, 16_000, 16, 2), chunk("data", new byte[0]), chunk("LIST", new byte[6]));
        // the rule: 0 is "unknown"; what follows (here the LIST chunk, 14 bytes) is read as samples
        assertThat(Wav.parse(wav).samples()).hasSize(14);
        assertThat(Wav.parse(riff(fmt(1, 1, 16_000, 16, 2), chunk("data", new byte[0])))
                        .samples())
                .isEmpty();
    }

    @Test
    void writesTheCanonicalHeader() throws InvalidAudioException {
        byte[] samples = new byte[16_000];
        new Random(4).nextBytes(samples);
        byte[] bytes = Wav.write(PcmFormat.mono16(16_000), samples);
        assertThat(bytes).hasSize(44 + 16_000);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(bytes.length - 8);
        assertThat(new String(bytes, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(b.getInt(16)).isEqualTo(16); // fmt chunk size
        assertThat(b.getShort(20)).isEqualTo((short) 1); // PCM
        assertThat(b.getShort(22)).isEqualTo((short) 1); // mono
        assertThat(b.getInt(24)).isEqualTo(16000);
        assertThat(b.getInt(28)).isEqualTo(32000); // byte rate
        assertThat(b.getShort(32)).isEqualTo((short) 2); // block align
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        assertThat(new String(bytes, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(b.getInt(40)).isEqualTo(16000); // data bytes
        Wav.Audio back = Wav.parse(bytes);
        assertThat(back.samples()).isEqualTo(samples);
        assertThat(back.duration().toMillis()).isEqualTo(500);
    }

    @Test
    void skipsAnOddSizedChunkBetweenFmtAndDataWithItsPadByte() throws InvalidAudioException {
        byte[] wav = riff(
                fmt(1, 1, 8000, 16, 2),
                chunk("LIST", "abc".getBytes(StandardCharsets.US_ASCII)),
                chunk("data", new byte[] {1, 0, -2, -1, 3, 0}));
        assertThat(Wav.parse(wav).samples()).containsExactly(1, 0, -2, -1, 3, 0);
    }

    @Test
    void aHeaderThatDoesNotAddUpIsRefused() {
        byte[] bytes = Wav.write(PcmFormat.mono16(8000), new byte[8]);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(34, (short) 8); // 8 bits, block align still 2
        assertInvalid(bytes, "inconsistent fmt chunk: block align 2 for 8-bit 8000 Hz mono (expected 1)");
    }

    @Test
    void joinConcatenatesTheSamplesInOrder() throws InvalidAudioException {
        PcmFormat format = PcmFormat.mono16(16_000);
        byte[] joined =
                Wav.join(List.of(Wav.write(format, new byte[] {1, 0, 2, 0}), Wav.write(format, new byte[] {3, 0})));
        Wav.Audio audio = Wav.parse(joined);
        assertThat(audio.format()).isEqualTo(format);
        assertThat(audio.samples()).containsExactly(1, 0, 2, 0, 3, 0);
        assertThat(Wav.join(List.of(Wav.write(format, new byte[] {5, 0})))).isEqualTo(Wav.write(format, new byte[] {5, 0
        }));
    }

    @Test
    void joinWritesPlainPcmEvenFromWaveFormatExtensibleParts() throws InvalidAudioException {
        // the gateway used to copy tag 0xFFFE into a 16-byte fmt chunk, which the audio module refused
        byte[] part = riff(TestWavs.fmtExtensible(2, 48_000, 24, 1), chunk("data", new byte[6 * 10]));
        byte[] joined = Wav.join(List.of(part, part));
        assertThat(ByteBuffer.wrap(joined).order(ByteOrder.LITTLE_ENDIAN).getShort(20))
                .isEqualTo((short) 1);
        assertThat(joined).hasSize(44 + 120);
        Wav.Audio audio = Wav.parse(joined);
        assertThat(audio.format()).isEqualTo(new PcmFormat(48_000, 2, 24));
        assertThat(audio.frames()).isEqualTo(20);
    }

    @Test
    void joinRefusesMixedFormatsAndWhatIsNotAWav() {
        byte[] mono16k = Wav.write(PcmFormat.mono16(16_000), new byte[4]);
        byte[] mono8k = Wav.write(PcmFormat.mono16(8000), new byte[4]);
        assertThatThrownBy(() -> Wav.join(List.of(mono16k, mono8k)))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage("part 2 of 2 is 16-bit 8000 Hz mono, the first is 16-bit 16000 Hz mono; cannot join them");
        assertThatThrownBy(() -> Wav.join(List.of(mono16k, "text".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("part 2 of 2: not a WAV file: 4 bytes, shorter than a RIFF header");
        assertThatThrownBy(() -> Wav.join(List.of())).hasMessage("no WAV to join");
    }

    /** The body of a chunk built by {@link TestWavs#chunk}. */
    private static byte[] body(byte[] chunk) {
        return Arrays.copyOfRange(chunk, 8, chunk.length);
    }

    private static void assertInvalid(byte[] wav, String message) {
        assertThatThrownBy(() -> Wav.parse(wav))
                .isInstanceOf(InvalidAudioException.class)
                .hasMessage(message);
    }
}
