package dev.chorus.mic.source;

import dev.chorus.mic.Listening;
import dev.chorus.mic.MicSettings;
import dev.chorus.mic.MicSettingsLoader;
import dev.chorus.mic.hermes.Frames;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.PcmFormat;
import dev.chorus.protocol.env.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sound device through javax.sound.sampled: one {@link TargetDataLine}, opened at 16 kHz mono 16-bit when the
 * device takes it, else at 48 or 44.1 kHz (mono or stereo) and converted. The device's own clock paces the frames:
 * a blocking read per frame. The line is read all the time, and what is read while the site does not stream is
 * dropped, so streaming always starts with fresh audio. Device names as the audio module's CHORUS_AUDIO_DEVICE.
 */
public final class DeviceSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSource.class);
    /** The value of CHORUS_MIC_DEVICE that means the system's default input. */
    public static final String DEFAULT = "default";

    private static final List<PcmFormat> FORMATS = List.of(
            PcmConverter.TARGET,
            new PcmFormat(48_000, 1, 16),
            new PcmFormat(48_000, 2, 16),
            new PcmFormat(44_100, 1, 16),
            new PcmFormat(44_100, 2, 16));

    private final TargetDataLine line;
    private final PcmFormat format;
    private final String name;
    private final FrameAssembler assembler;
    private final Thread reader;
    private volatile boolean closed;

    private DeviceSource(TargetDataLine line, PcmFormat format, String name, FrameAssembler assembler) {
        this.line = line;
        this.format = format;
        this.name = name;
        this.assembler = assembler;
        this.reader = Threads.named("mic-device").newThread(this::read);
    }

    /**
     * Finds the device and opens its line now, so that a wrong name stops the module at start.
     *
     * @throws ConfigException naming CHORUS_MIC_DEVICE when there is no such input device or it cannot record
     */
    public static DeviceSource open(MicSettings settings, Listening listening, Frames frames) {
        Mixer.Info mixer = find(settings.device());
        for (PcmFormat f : FORMATS) {
            AudioFormat af = audioFormat(f);
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, af);
            try {
                if (!AudioSystem.getMixer(mixer).isLineSupported(info)) {
                    continue;
                }
                TargetDataLine line =
                        (TargetDataLine) AudioSystem.getMixer(mixer).getLine(info);
                line.open(af);
                return new DeviceSource(
                        line,
                        f,
                        mixer.getName(),
                        new FrameAssembler(settings.siteId(), settings.frameBytes(), listening, frames));
            } catch (LineUnavailableException | IllegalArgumentException e) {
                LOG.debug("{}: cannot record {}: {}", mixer.getName(), f, e.toString());
            }
        }
        throw new ConfigException(
                MicSettingsLoader.DEVICE,
                "sound input device \"" + mixer.getName() + "\" records none of " + FORMATS + " (or is busy)");
    }

    /** Mixers that can give a {@link TargetDataLine}, i.e. record audio. */
    public static List<Mixer.Info> inputMixers() {
        List<Mixer.Info> in = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                if (AudioSystem.getMixer(info).isLineSupported(new DataLine.Info(TargetDataLine.class, null))) {
                    in.add(info);
                }
            } catch (RuntimeException e) {
                LOG.debug("mixer {}: {}", info.getName(), e.toString());
            }
        }
        return in;
    }

    /**
     * The input device {@code device} names: {@code default} (the first one), an exact mixer name, or a unique
     * case-insensitive part of one.
     *
     * @throws ConfigException naming CHORUS_MIC_DEVICE, with the input devices found, when none matches
     */
    public static Mixer.Info find(String device) {
        List<Mixer.Info> inputs = inputMixers();
        if (device.equalsIgnoreCase(DEFAULT)) {
            if (inputs.isEmpty()) {
                throw new ConfigException(
                        MicSettingsLoader.DEVICE,
                        "\"default\": no sound input device found (is /dev/snd passed into the container?)");
            }
            return inputs.get(0);
        }
        for (Mixer.Info info : inputs) {
            if (info.getName().equals(device)) {
                return info;
            }
        }
        String wanted = device.toLowerCase(Locale.ROOT);
        List<Mixer.Info> partial = inputs.stream()
                .filter(i -> i.getName().toLowerCase(Locale.ROOT).contains(wanted))
                .toList();
        if (partial.size() == 1) {
            return partial.get(0);
        }
        throw new ConfigException(
                MicSettingsLoader.DEVICE,
                (partial.isEmpty() ? "no" : "more than one") + " sound input device matches \"" + device
                        + "\"; input devices: " + names(inputs));
    }

    public void start() {
        line.start();
        reader.start();
        LOG.info("recording from sound device {} at {}", name, format);
    }

    public String describe() {
        return name + " (" + format + ")";
    }

    private void read() {
        PcmConverter converter = new PcmConverter(format);
        // about one frame of the device's format per read: the line blocks until it has it
        int chunk = Math.max(
                format.frameSize(),
                assemblerFrameBytes() * format.sampleRate() / PcmConverter.RATE / 2 * format.frameSize());
        byte[] buf = new byte[chunk];
        while (!closed) {
            int n = line.read(buf, 0, buf.length);
            if (n <= 0) {
                if (!line.isOpen()) {
                    if (!closed) {
                        LOG.error("sound device {} closed: no more audio", name);
                    }
                    return;
                }
                continue;
            }
            byte[] pcm = converter.convert(n == buf.length ? buf : java.util.Arrays.copyOf(buf, n));
            assembler.push(pcm, 0, pcm.length);
        }
    }

    private int assemblerFrameBytes() {
        return assembler.frameBytes();
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }

    private static String names(List<Mixer.Info> mixers) {
        if (mixers.isEmpty()) {
            return "none (is /dev/snd passed into the container?)";
        }
        return String.join(
                ", ", mixers.stream().map(i -> "\"" + i.getName() + "\"").toList());
    }

    /** The javax.sound equivalent: signed 16-bit little-endian. */
    static AudioFormat audioFormat(PcmFormat f) {
        return new AudioFormat(
                AudioFormat.Encoding.PCM_SIGNED,
                f.sampleRate(),
                f.bitsPerSample(),
                f.channels(),
                f.frameSize(),
                f.sampleRate(),
                false);
    }
}
