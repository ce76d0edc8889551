package dev.chorus.mic;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import javax.sound.sampled.spi.MixerProvider;

/**
 * A javax.sound input device for tests (this machine has none): registered as a {@link MixerProvider} in
 * META-INF/services, so {@code AudioSystem} lists it like a real card. It records only 16 kHz mono 16-bit, at real
 * time (a read blocks until the audio it returns would have been recorded), and the audio is a ramp: sample n is
 * {@code n mod 30000}, so a test can check that frames continue each other.
 */
public final class StubMicrophone extends MixerProvider {

    public static final String NAME = "Chorus stub microphone";
    public static final int RAMP = 30_000;
    static final AudioFormat FORMAT = new AudioFormat(16_000, 16, 1, true, false);

    private static final Mixer.Info INFO = new Mixer.Info(NAME, "Chorus tests", "a ramp at real time", "1") {};
    private static final StubMixer MIXER = new StubMixer();

    @Override
    public Mixer.Info[] getMixerInfo() {
        return new Mixer.Info[] {INFO};
    }

    @Override
    public Mixer getMixer(Mixer.Info info) {
        if (info != null && !INFO.equals(info)) {
            throw new IllegalArgumentException("not " + NAME + ": " + info);
        }
        return MIXER;
    }

    private static final class StubMixer implements Mixer {
        private final DataLine.Info lineInfo = new DataLine.Info(TargetDataLine.class, FORMAT);

        @Override
        public Info getMixerInfo() {
            return INFO;
        }

        @Override
        public Line.Info[] getSourceLineInfo() {
            return new Line.Info[0];
        }

        @Override
        public Line.Info[] getTargetLineInfo() {
            return new Line.Info[] {lineInfo};
        }

        @Override
        public Line.Info[] getSourceLineInfo(Line.Info info) {
            return new Line.Info[0];
        }

        @Override
        public Line.Info[] getTargetLineInfo(Line.Info info) {
            return isLineSupported(info) ? new Line.Info[] {lineInfo} : new Line.Info[0];
        }

        @Override
        public boolean isLineSupported(Line.Info info) {
            if (!TargetDataLine.class.isAssignableFrom(info.getLineClass())) {
                return false;
            }
            if (info instanceof DataLine.Info d && d.getFormats().length > 0) {
                for (AudioFormat f : d.getFormats()) {
                    if (f.matches(FORMAT)) {
                        return true;
                    }
                }
                return false;
            }
            return true;
        }

        @Override
        public Line getLine(Line.Info info) throws LineUnavailableException {
            if (!isLineSupported(info)) {
                throw new IllegalArgumentException("not supported: " + info);
            }
            return new RampLine(lineInfo);
        }

        @Override
        public int getMaxLines(Line.Info info) {
            return AudioSystemNotSpecified.VALUE;
        }

        @Override
        public Line[] getSourceLines() {
            return new Line[0];
        }

        @Override
        public Line[] getTargetLines() {
            return new Line[0];
        }

        @Override
        public void synchronize(Line[] lines, boolean maintainSync) {
            throw new IllegalArgumentException("no synchronization");
        }

        @Override
        public void unsynchronize(Line[] lines) {}

        @Override
        public boolean isSynchronizationSupported(Line[] lines, boolean maintainSync) {
            return false;
        }

        @Override
        public Line.Info getLineInfo() {
            return new Line.Info(Mixer.class);
        }

        @Override
        public void open() {}

        @Override
        public void close() {}

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public Control[] getControls() {
            return new Control[0];
        }

        @Override
        public boolean isControlSupported(Control.Type control) {
            return false;
        }

        @Override
        public Control getControl(Control.Type control) {
            throw new IllegalArgumentException("no controls");
        }

        @Override
        public void addLineListener(LineListener listener) {}

        @Override
        public void removeLineListener(LineListener listener) {}
    }

    /** javax.sound's "not specified" value, without importing AudioSystem into the provider. */
    private static final class AudioSystemNotSpecified {
        static final int VALUE = -1;
    }

    /** The recording line: a ramp, paced by the monotonic clock from {@link #start()}. */
    private static final class RampLine implements TargetDataLine {
        private final DataLine.Info info;
        private volatile boolean open;
        private volatile boolean running;
        private long startNanos;
        private long samplesRead;

        RampLine(DataLine.Info info) {
            this.info = info;
        }

        @Override
        public void open(AudioFormat format, int bufferSize) throws LineUnavailableException {
            open(format);
        }

        @Override
        public void open(AudioFormat format) throws LineUnavailableException {
            if (!format.matches(FORMAT)) {
                throw new LineUnavailableException("records only " + FORMAT);
            }
            open = true;
        }

        @Override
        public void open() throws LineUnavailableException {
            open(FORMAT);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int samples = len / 2;
            long due = startNanos + TimeUnit.SECONDS.toNanos(samplesRead + samples) / 16_000;
            while (open && System.nanoTime() < due) {
                LockSupport.parkNanos(due - System.nanoTime()); // the device "records" at real time
            }
            if (!open) {
                return 0;
            }
            for (int i = 0; i < samples; i++) {
                int v = (int) ((samplesRead + i) % RAMP);
                b[off + 2 * i] = (byte) v;
                b[off + 2 * i + 1] = (byte) (v >> 8);
            }
            samplesRead += samples;
            return samples * 2;
        }

        @Override
        public synchronized void start() {
            if (!running) {
                startNanos = System.nanoTime() - TimeUnit.SECONDS.toNanos(samplesRead) / 16_000;
                running = true;
            }
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public void close() {
            open = false;
            running = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public boolean isActive() {
            return running;
        }

        @Override
        public void drain() {}

        @Override
        public void flush() {}

        @Override
        public AudioFormat getFormat() {
            return FORMAT;
        }

        @Override
        public int getBufferSize() {
            return 16_000;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public int getFramePosition() {
            return (int) samplesRead;
        }

        @Override
        public long getLongFramePosition() {
            return samplesRead;
        }

        @Override
        public long getMicrosecondPosition() {
            return samplesRead * 1_000_000 / 16_000;
        }

        @Override
        public float getLevel() {
            return AudioSystemNotSpecified.VALUE;
        }

        @Override
        public Line.Info getLineInfo() {
            return info;
        }

        @Override
        public Control[] getControls() {
            return new Control[0];
        }

        @Override
        public boolean isControlSupported(Control.Type control) {
            return false;
        }

        @Override
        public Control getControl(Control.Type control) {
            throw new IllegalArgumentException("no controls");
        }

        @Override
        public void addLineListener(LineListener listener) {}

        @Override
        public void removeLineListener(LineListener listener) {}
    }
}
