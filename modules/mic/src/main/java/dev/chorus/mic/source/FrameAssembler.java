package dev.chorus.mic.source;

import dev.chorus.mic.Listening;
import dev.chorus.mic.hermes.Frames;
import java.util.Arrays;

/**
 * Cuts a live stream of 16 kHz mono 16-bit audio (a device's reads, UDP datagrams of any size) into frames of
 * one size for one site. Audio that arrives while the site does not stream is dropped, with any partial frame, so
 * a site that starts streaming starts with fresh audio. Not thread-safe: one per site and source thread.
 */
final class FrameAssembler {

    private final String siteId;
    private final Listening listening;
    private final Frames frames;
    private final byte[] frame;
    private int filled;

    FrameAssembler(String siteId, int frameBytes, Listening listening, Frames frames) {
        this.siteId = siteId;
        this.listening = listening;
        this.frames = frames;
        this.frame = new byte[frameBytes];
    }

    void push(byte[] data, int offset, int length) {
        if (!listening.streams(siteId) || !frames.connected()) {
            filled = 0;
            return;
        }
        int at = offset;
        int end = offset + length;
        while (at < end) {
            int n = Math.min(frame.length - filled, end - at);
            System.arraycopy(data, at, frame, filled, n);
            filled += n;
            at += n;
            if (filled == frame.length) {
                frames.publish(siteId, Arrays.copyOf(frame, frame.length));
                filled = 0;
            }
        }
    }

    String siteId() {
        return siteId;
    }

    int frameBytes() {
        return frame.length;
    }
}
