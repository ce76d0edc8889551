package dev.chorus.asr.listen;

import dev.chorus.asr.decode.AudioPipe;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.messages.AsrStartListening;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code startListening}: the audio of its site since then (16 kHz mono, up to the maximum duration), kept for
 * {@code audioCaptured} and streamed to its decoder as it arrives, and the VAD that decides when the speaker is
 * done. Audio time drives every decision, so the outcome does not depend on
 * how fast frames arrive. Not thread-safe: {@link Sessions} guards it.
 */
public final class ListeningSession {

    /** Why recording stopped. */
    public enum End {
        /** the VAD heard speech, then the trailing silence */
        SPEECH_ENDED,
        /** nobody spoke within the timeout */
        TIMEOUT,
        /** the maximum duration was recorded */
        MAX_DURATION,
        /** {@code stopListening} */
        STOPPED,
        /** frames stopped arriving (the wall clock ran past the timeout) */
        STALLED
    }

    private final AsrStartListening request;
    private final EnergyVad vad;
    private final int timeoutSamples;
    private final int maxSamples;
    private final long startedNanos;
    private short[] audio = new short[PcmConverter.RATE];
    private int length;
    private long lastFrameNanos;
    private int frames;
    private boolean badFrameReported;
    private final AudioPipe pipe = new AudioPipe();
    private final AtomicBoolean answered = new AtomicBoolean();

    ListeningSession(AsrStartListening request, VadSettings vad, long nowNanos) {
        this.request = request;
        this.vad = new EnergyVad(
                vad.thresholdDb(), vad.silence().toMillis(), vad.minSpeech().toMillis());
        this.timeoutSamples = samples(vad.timeout().toMillis());
        this.maxSamples = samples(vad.maxDuration().toMillis());
        this.startedNanos = nowNanos;
        this.lastFrameNanos = nowNanos;
    }

    public AsrStartListening request() {
        return request;
    }

    public String siteId() {
        return request.siteId();
    }

    public String sessionId() {
        return request.sessionId();
    }

    /** Adds the samples of one frame; an end when this frame finishes the recording, else null. */
    End accept(short[] samples, long nowNanos) {
        lastFrameNanos = nowNanos;
        frames++;
        int room = maxSamples - length;
        int take = Math.min(room, samples.length);
        if (length + take > audio.length) {
            audio = Arrays.copyOf(audio, Math.min(maxSamples, Math.max(length + take, audio.length * 2)));
        }
        System.arraycopy(samples, 0, audio, length, take);
        pipe.write(littleEndian(audio, length, take));
        length += take;
        boolean ended = vad.accept(take == samples.length ? samples : Arrays.copyOf(samples, take));
        if (request.stopOnSilence()) {
            if (ended) {
                return End.SPEECH_ENDED;
            }
            if (!vad.heardSpeech() && length >= timeoutSamples) {
                return End.TIMEOUT;
            }
        }
        return length >= maxSamples ? End.MAX_DURATION : null;
    }

    /** A frame arrived that is not recorded (the site is toggled off). */
    void touch(long nowNanos) {
        lastFrameNanos = nowNanos;
        frames++;
    }

    /** Frames of its site handled so far (recorded or ignored while toggled off; bad ones not counted). */
    int frames() {
        return frames;
    }

    /** An end when the wall clock says frames stopped coming, else null. */
    End checkStalled(long nowNanos, long timeoutNanos, long maxDurationNanos) {
        if (nowNanos - lastFrameNanos >= timeoutNanos || nowNanos - startedNanos >= maxDurationNanos + timeoutNanos) {
            return End.STALLED;
        }
        return null;
    }

    public boolean heardSpeech() {
        return vad.heardSpeech();
    }

    /** Audio milliseconds from the start to the end of the last speech, or -1. */
    public long lastSpeechEndMillis() {
        return vad.lastSpeechEndMillis();
    }

    /** Seconds of audio recorded. */
    public double seconds() {
        return (double) length / PcmConverter.RATE;
    }

    /** The recorded audio as 16-bit little-endian samples. */
    public byte[] samples() {
        return littleEndian(audio, 0, length);
    }

    /** The audio as it is recorded, to its end (the end of the session), for the decoder. */
    public InputStream audio() {
        return pipe;
    }

    /** Ends the stream {@link #audio()} returns. */
    void endAudio() {
        pipe.close();
    }

    /** Whether the session has had its textCaptured. */
    public boolean answered() {
        return answered.get();
    }

    /** True once: the caller gives the session its one textCaptured. */
    public boolean claimAnswer() {
        return answered.compareAndSet(false, true);
    }

    private static byte[] littleEndian(short[] samples, int from, int count) {
        byte[] out = new byte[count * 2];
        for (int i = 0; i < count; i++) {
            out[2 * i] = (byte) samples[from + i];
            out[2 * i + 1] = (byte) (samples[from + i] >> 8);
        }
        return out;
    }

    /** True the first time only: bad frames are reported once per session. */
    boolean firstBadFrame() {
        boolean first = !badFrameReported;
        badFrameReported = true;
        return first;
    }

    private static int samples(long millis) {
        return (int) Math.min(Integer.MAX_VALUE, millis * PcmConverter.RATE / 1000);
    }
}
