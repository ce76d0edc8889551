package dev.chorus.audio;

import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.env.ConfigException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays on a sound device through javax.sound.sampled: one {@link SourceDataLine} per playback, opened in the
 * request's format (or 16-bit if the device takes nothing wider), written out and drained. Sites play at the
 * same time if the device's mixer gives out several lines; when it does not, the request fails with an error
 * (and still gets its playFinished).
 */
public final class DeviceSink implements AudioSink {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSink.class);
    /** The value of CHORUS_AUDIO_DEVICE that means the system's default output. */
    public static final String DEFAULT = "default";

    private static final int CHUNK_MILLIS = 100;

    private final Mixer.Info mixer; // null = AudioSystem's default
    private final String name;
    private final Set<SourceDataLine> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DeviceSink(Mixer.Info mixer, String name) {
        this.mixer = mixer;
        this.name = name;
    }

    /**
     * Finds the device now, so that a wrong name stops the module at start.
     *
     * @param device {@code default} or a mixer name (exact, else a unique case-insensitive part of one)
     * @throws ConfigException naming CHORUS_AUDIO_DEVICE when there is no such output device
     */
    public static DeviceSink open(String device) {
        List<Mixer.Info> outputs = outputMixers();
        if (device.equalsIgnoreCase(DEFAULT)) {
            if (outputs.isEmpty()) {
                throw new ConfigException(
                        AudioSettingsLoader.DEVICE,
                        "\"default\": no sound output device found"
                                + " (is /dev/snd passed into the container?); unset it to write WAV files instead");
            }
            return new DeviceSink(null, "default (" + outputs.get(0).getName() + ")");
        }
        for (Mixer.Info info : outputs) {
            if (info.getName().equals(device)) {
                return new DeviceSink(info, info.getName());
            }
        }
        String wanted = device.toLowerCase(Locale.ROOT);
        List<Mixer.Info> partial = outputs.stream()
                .filter(i -> i.getName().toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
        if (partial.size() == 1) {
            return new DeviceSink(partial.get(0), partial.get(0).getName());
        }
        throw new ConfigException(
                AudioSettingsLoader.DEVICE,
                (partial.isEmpty() ? "no" : "more than one") + " sound output device matches \"" + device
                        + "\"; output devices: " + names(outputs));
    }

    /** Mixers that can give a {@link SourceDataLine}, i.e. play audio. */
    public static List<Mixer.Info> outputMixers() {
        List<Mixer.Info> out = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(new DataLine.Info(SourceDataLine.class, null))) {
                    out.add(info);
                }
            } catch (RuntimeException e) {
                LOG.debug("mixer {}: {}", info.getName(), e.toString());
            }
        }
        return out;
    }

    @Override
    public void play(Playback p) throws IOException, InterruptedException {
        if (closed) {
            throw new IOException("sound device closed");
        }
        PcmFormat format = p.format();
        byte[] samples = p.samples();
        if (!supported(audioFormat(format)) && format.bitsPerSample() != 16) {
            format = format.withBitsPerSample(16);
            samples = Samples.toSigned16(p.format(), samples);
        }
        AudioFormat af = audioFormat(format);
        SourceDataLine line;
        try {
            line = mixer == null ? AudioSystem.getSourceDataLine(af) : AudioSystem.getSourceDataLine(af, mixer);
            line.open(af);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException("sound device " + name + " cannot play " + format + ": " + e.getMessage(), e);
        }
        open.add(line);
        try {
            line.start();
            int chunk = Math.max(format.frameSize(), format.frameSize() * (format.sampleRate() * CHUNK_MILLIS / 1000));
            for (int off = 0; off < samples.length; off += chunk) {
                if (closed || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("playback of " + p.requestId() + " stopped");
                }
                line.write(samples, off, Math.min(chunk, samples.length - off));
            }
            line.drain();
        } finally {
            open.remove(line);
            line.close();
        }
    }

    private boolean supported(AudioFormat af) {
        DataLine.Info info = new DataLine.Info(SourceDataLine.class, af);
        return mixer == null
                ? AudioSystem.isLineSupported(info)
                : AudioSystem.getMixer(mixer).isLineSupported(info);
    }

    @Override
    public String describe() {
        return "sound device " + name;
    }

    @Override
    public void close() {
        closed = true;
        for (SourceDataLine line : open) {
            line.close();
        }
    }

    private static String names(List<Mixer.Info> mixers) {
        if (mixers.isEmpty()) {
            return "none (is /dev/snd passed into the container?)";
        }
        return String.join(
                ", ", mixers.stream().map(i -> "\"" + i.getName() + "\"").toList());
    }

    /** The javax.sound equivalent: 8-bit WAV samples are unsigned, wider ones signed; little-endian. */
    static AudioFormat audioFormat(PcmFormat f) {
        return new AudioFormat(
                f.bitsPerSample() == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                f.sampleRate(),
                f.bitsPerSample(),
                f.channels(),
                f.frameSize(),
                f.sampleRate(),
                false);
    }
}
