package dev.chorus.asr.decode;

import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Audio on its way to a recogniser while it is being recorded: samples are written as they arrive, the decoder reads
 * (blocking) as fast as it can, and end of stream comes when the writer closes it. So decoding runs alongside the
 * speaker (a session's audio into the grammar decode, and what that decode reads into the {@link OutOfDomainCheck}'s
 * free decode), and little is left to decode once the speaker is done.
 */
public final class AudioPipe extends InputStream {

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private boolean closed;

    public synchronized void write(byte[] samples) {
        if (!closed && samples.length > 0) {
            chunks.add(samples);
            notifyAll();
        }
    }

    /** End of stream once what was written is read. */
    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            if (!chunks.isEmpty()) {
                current = chunks.poll();
                position = 0;
            } else if (closed) {
                return -1;
            } else {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }
}
