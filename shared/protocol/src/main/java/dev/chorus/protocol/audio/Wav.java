package dev.chorus.protocol.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The one RIFF/WAVE codec of Chorus: what Hermes {@code playBytes} carries, what the tts module writes, the audio
 * module plays and the gateway and cli join and measure.
 *
 * <p>Reading ({@link #parse}) accepts integer PCM only: format tag 1, or WAVE_FORMAT_EXTENSIBLE (0xFFFE) with the
 * PCM sub-format; 8, 16, 24 or 32 bits, 1..32 channels, 1000..768000 Hz. The {@code fmt } chunk is 16, 18 or 40
 * bytes (40 for WAVE_FORMAT_EXTENSIBLE). Other chunks are skipped, with the pad byte after an odd-sized one;
 * the RIFF size is not checked. A top-level {@code INFO} chunk holding JSON {@code {"volume": x}} (what Rhasspy's
 * {@code wavchunk} writes) is read as a per-request volume factor.
 *
 * <p>The data chunk's size: {@code 0} and {@code 0xFFFFFFFF} mean "unknown, up to the end of the payload" (a
 * header written before the length was known, by streaming writers such as sox or ffmpeg on a pipe), and so
 * does a size larger than what follows. So a zero-size data chunk holds whatever follows its header, which is
 * nothing when it is the last chunk; writers of empty audio put the data chunk last, as {@link #write} does.
 * A trailing partial frame is dropped.
 *
 * <p>Writing ({@link #write}, {@link #join}) always produces the canonical 44-byte header: a 16-byte
 * {@code fmt } chunk with format tag 1 (whatever the input's tag was), then the data chunk.
 */
public final class Wav {

    /** PCM, or the sub-format GUID prefix of WAVE_FORMAT_EXTENSIBLE. */
    static final int FORMAT_PCM = 1;

    static final int FORMAT_EXTENSIBLE = 0xFFFE;
    static final int MIN_RATE = 1000;
    static final int MAX_RATE = 768_000;
    static final int MAX_CHANNELS = 32;
    /** Bytes before the samples in what {@link #write} produces. */
    public static final int HEADER_BYTES = 44;

    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A parsed file.
     *
     * @param format     the sample format
     * @param samples    the sample bytes, whole frames only
     * @param infoVolume the volume of an {@code INFO} chunk ({@code >= 0}), or null
     */
    public record Audio(PcmFormat format, byte[] samples, Double infoVolume) {

        public long durationNanos() {
            return format.durationNanos(samples.length);
        }

        public Duration duration() {
            return format.duration(samples.length);
        }

        public long frames() {
            return format.frames(samples.length);
        }
    }

    private Wav() {}

    public static Audio parse(byte[] wav) throws InvalidAudioException {
        if (wav.length < 12) {
            throw new InvalidAudioException("not a WAV file: " + wav.length + " bytes, shorter than a RIFF header");
        }
        String riff = fourCc(wav, 0);
        if (riff.equals("RIFX")) {
            throw new InvalidAudioException("big-endian WAV (RIFX) is not supported");
        }
        if (!riff.equals("RIFF") || !fourCc(wav, 8).equals("WAVE")) {
            throw new InvalidAudioException("not a WAV file: no RIFF/WAVE header (starts with " + hex(wav, 12) + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        PcmFormat format = null;
        byte[] samples = null;
        Double infoVolume = null;
        int pos = 12;
        while (pos + 8 <= wav.length) {
            String id = fourCc(wav, pos);
            long size = Integer.toUnsignedLong(in.getInt(pos + 4));
            int body = pos + 8;
            long available = wav.length - (long) body;
            if (id.equals("data")) {
                if (format == null) {
                    throw new InvalidAudioException("data chunk before the fmt chunk");
                }
                if (samples != null) {
                    throw new InvalidAudioException("more than one data chunk");
                }
                boolean toEnd = size == 0 || size == UNKNOWN_SIZE || size > available;
                long length = toEnd ? available : size;
                long whole = length - length % format.frameSize();
                samples = Arrays.copyOfRange(wav, body, body + (int) whole);
                if (toEnd) {
                    break;
                }
            } else if (size > available) {
                throw new InvalidAudioException("truncated: chunk \"" + printable(id) + "\" at byte " + pos + " claims "
                        + size + " bytes, only " + available + " follow");
            } else if (id.equals("fmt ")) {
                if (format != null) {
                    throw new InvalidAudioException("more than one fmt chunk");
                }
                format = format(in, body, (int) size);
            } else if (id.equals("INFO")) {
                infoVolume = infoVolume(wav, body, (int) size);
            }
            long next = body + size + (size & 1); // chunks are padded to an even size
            if (next > wav.length) {
                break;
            }
            pos = (int) next;
        }
        if (format == null) {
            throw new InvalidAudioException("no fmt chunk");
        }
        if (samples == null) {
            throw new InvalidAudioException("no data chunk");
        }
        return new Audio(format, samples, infoVolume);
    }

    /** A canonical 44-byte-header PCM WAV (format tag 1) holding {@code samples}. */
    public static byte[] write(PcmFormat format, byte[] samples) {
        int pad = samples.length & 1;
        ByteBuffer out =
                ByteBuffer.allocate(HEADER_BYTES + samples.length + pad).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(36 + samples.length + pad)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII))
                .putInt(16)
                .putShort((short) FORMAT_PCM)
                .putShort((short) format.channels())
                .putInt(format.sampleRate())
                .putInt(format.sampleRate() * format.frameSize())
                .putShort((short) format.frameSize())
                .putShort((short) format.bitsPerSample())
                .put("data".getBytes(StandardCharsets.US_ASCII))
                .putInt(samples.length)
                .put(samples);
        return out.array();
    }

    /**
     * One WAV with the samples of every part, in order ({@link #write}'s layout, whatever the parts' header
     * layout). Every part must be a WAV {@link #parse} reads, all of one format.
     */
    public static byte[] join(List<byte[]> wavs) throws InvalidAudioException {
        if (wavs.isEmpty()) {
            throw new InvalidAudioException("no WAV to join");
        }
        PcmFormat format = null;
        ByteArrayOutputStream samples = new ByteArrayOutputStream();
        for (int i = 0; i < wavs.size(); i++) {
            Audio part;
            try {
                part = parse(wavs.get(i));
            } catch (InvalidAudioException e) {
                throw new InvalidAudioException("part " + (i + 1) + " of " + wavs.size() + ": " + e.getMessage());
            }
            if (format == null) {
                format = part.format();
            } else if (!format.equals(part.format())) {
                throw new InvalidAudioException("part " + (i + 1) + " of " + wavs.size() + " is " + part.format()
                        + ", the first is " + format + "; cannot join them");
            }
            samples.writeBytes(part.samples());
        }
        return write(format, samples.toByteArray());
    }

    private static PcmFormat format(ByteBuffer in, int at, int size) throws InvalidAudioException {
        if (size != 16 && size != 18 && size != 40) {
            throw new InvalidAudioException("unsupported fmt chunk: " + size + " bytes (16, 18 or 40)");
        }
        int tag = Short.toUnsignedInt(in.getShort(at));
        int channels = Short.toUnsignedInt(in.getShort(at + 2));
        long rate = Integer.toUnsignedLong(in.getInt(at + 4));
        int blockAlign = Short.toUnsignedInt(in.getShort(at + 12));
        int bits = Short.toUnsignedInt(in.getShort(at + 14));
        if (tag == FORMAT_EXTENSIBLE) {
            if (size < 40) {
                throw new InvalidAudioException(
                        "WAVE_FORMAT_EXTENSIBLE fmt chunk too short: " + size + " bytes, need 40");
            }
            int validBits = Short.toUnsignedInt(in.getShort(at + 18));
            int subFormat = Short.toUnsignedInt(in.getShort(at + 24));
            if (subFormat != FORMAT_PCM) {
                throw new InvalidAudioException("unsupported encoding: WAVE_FORMAT_EXTENSIBLE sub-format " + subFormat
                        + " (" + encodingName(subFormat) + "); only integer PCM is played");
            }
            if (validBits != 0 && validBits != bits) {
                throw new InvalidAudioException(
                        "unsupported sample container: " + validBits + " valid bits in " + bits + "-bit samples");
            }
        } else if (tag != FORMAT_PCM) {
            throw new InvalidAudioException("unsupported encoding: format tag " + tag + " (" + encodingName(tag)
                    + "); only integer PCM is played");
        }
        if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
            throw new InvalidAudioException("unsupported sample size: " + bits + " bits (8, 16, 24 or 32)");
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new InvalidAudioException("unsupported channel count: " + channels + " (1.." + MAX_CHANNELS + ")");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new InvalidAudioException(
                    "unsupported sample rate: " + rate + " Hz (" + MIN_RATE + ".." + MAX_RATE + ")");
        }
        PcmFormat format = new PcmFormat((int) rate, channels, bits);
        if (blockAlign != format.frameSize()) {
            throw new InvalidAudioException("inconsistent fmt chunk: block align " + blockAlign + " for " + format
                    + " (expected " + format.frameSize() + ")");
        }
        return format;
    }

    /** Rhasspy's {@code wavchunk}: the INFO chunk is JSON; {@code volume} multiplies the site volume. */
    private static Double infoVolume(byte[] wav, int at, int size) {
        try {
            JsonNode node = JSON.readTree(new String(wav, at, size, StandardCharsets.UTF_8).strip());
            JsonNode volume = node == null ? null : node.get("volume");
            if (volume != null && volume.isNumber() && Double.isFinite(volume.asDouble())) {
                return Math.max(0.0, volume.asDouble());
            }
        } catch (Exception e) {
            // not JSON: some other writer's INFO chunk, ignored as Rhasspy does
        }
        return null;
    }

    private static String encodingName(int tag) {
        return switch (tag) {
            case 2 -> "MS ADPCM";
            case 3 -> "IEEE float";
            case 6 -> "A-law";
            case 7 -> "mu-law";
            case 0x11 -> "IMA ADPCM";
            case 0x55 -> "MP3";
            default -> "not PCM";
        };
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }

    private static String hex(byte[] b, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            out.append(String.format("%02x", b[i] & 0xFF));
        }
        return out.toString();
    }
}
