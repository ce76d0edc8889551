package dev.chorus.audio;

import dev.chorus.protocol.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default sink: every request becomes a WAV file in a rolling folder, named
 * {@code <UTC time>-<sequence>_<siteId>_<requestId>.wav} so that names sort by time. The folder is bounded by
 * file count and total bytes; the oldest files go first. Files are written under a {@code .part} name and
 * renamed, so a reader never sees half a file.
 */
public final class FolderSink implements AudioSink {

    private static final Logger LOG = LoggerFactory.getLogger(FolderSink.class);

    static final String SUFFIX = ".wav";
    static final String PART = ".part";
    private static final int NAME_PART_MAX = 64;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private record Entry(Path file, long size) {}

    private final Path dir;
    private final int keepFiles;
    private final long keepBytes;
    private final AtomicLong sequence = new AtomicLong();
    // guarded by this
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long totalBytes;

    private FolderSink(Path dir, int keepFiles, long keepBytes) {
        this.dir = dir;
        this.keepFiles = keepFiles;
        this.keepBytes = keepBytes;
    }

    /**
     * Creates the folder if needed, removes left-over {@code .part} files, takes stock of the WAV files already
     * there (oldest first by name) and trims them to the bounds.
     */
    public static FolderSink open(Path dir, int keepFiles, long keepBytes) throws IOException {
        Files.createDirectories(dir);
        FolderSink sink = new FolderSink(dir, keepFiles, keepBytes);
        List<Path> existing = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(existing::add);
        }
        existing.sort(null);
        synchronized (sink) {
            for (Path file : existing) {
                String name = file.getFileName().toString();
                if (name.endsWith(PART)) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(SUFFIX)) {
                    long size = Files.size(file);
                    sink.entries.addLast(new Entry(file, size));
                    sink.totalBytes += size;
                }
            }
            sink.trim();
        }
        return sink;
    }

    @Override
    public void play(Playback p) throws IOException {
        byte[] wav = Wav.write(p.format(), p.samples());
        if (wav.length > keepBytes) {
            LOG.warn(
                    "{} on site {}: {} bytes is more than the folder keeps ({} bytes, CHORUS_AUDIO_KEEP_BYTES), not written",
                    p.requestId(),
                    p.siteId(),
                    wav.length,
                    keepBytes);
            return;
        }
        String stem = TIME.format(p.startedAt()) + "-%06d_" + safe(p.siteId()) + "_" + safe(p.requestId());
        Path target;
        do {
            target = dir.resolve(String.format(stem, sequence.incrementAndGet() % 1_000_000) + SUFFIX);
        } while (Files.exists(target));
        Path part = dir.resolve(target.getFileName() + PART);
        try {
            Files.write(part, wav, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        synchronized (this) {
            entries.addLast(new Entry(target, wav.length));
            totalBytes += wav.length;
            trim();
        }
        LOG.debug("wrote {} ({} bytes)", target, wav.length);
    }

    /** The kept files, oldest first. */
    public synchronized List<Path> files() {
        return entries.stream().map(Entry::file).toList();
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String describe() {
        return "folder " + dir + " (keeps " + keepFiles + " files, " + keepBytes + " bytes)";
    }

    @Override
    public void close() {
        // nothing open between writes
    }

    /** File name part: letters, digits, dot, dash and underscore; anything else becomes {@code _}. */
    static String safe(String s) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), NAME_PART_MAX));
        for (int i = 0; i < s.length() && out.length() < NAME_PART_MAX; i++) {
            char c = s.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '.');
            out.append(ok ? c : '_');
        }
        return out.toString();
    }

    private void trim() {
        while (!entries.isEmpty() && (entries.size() > keepFiles || totalBytes > keepBytes)) {
            Entry oldest = entries.removeFirst();
            totalBytes -= oldest.size();
            try {
                Files.deleteIfExists(oldest.file());
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", oldest.file(), e.toString());
            }
        }
    }
}
