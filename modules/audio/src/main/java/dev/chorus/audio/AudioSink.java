package dev.chorus.audio;

import dev.chorus.protocol.audio.PcmFormat;
import java.io.IOException;
import java.time.Instant;

/** Where audio goes: a sound device or a folder of WAV files. Called from several threads, one per site at most. */
public interface AudioSink extends AutoCloseable {

    /**
     * One request to play: its samples already scaled by the volume.
     *
     * @param startedAt when playback began (names the file in the folder sink)
     */
    record Playback(String siteId, String requestId, Instant startedAt, PcmFormat format, byte[] samples) {}

    /**
     * Plays, returning once the sink has taken all of it: a device returns when the samples are played out,
     * the folder once the file is written. Pacing {@code playFinished} to the audio's duration is the caller's job.
     */
    void play(Playback playback) throws IOException, InterruptedException;

    /** One line for the start-up log. */
    String describe();

    @Override
    void close();
}
