package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered audio on disk, one WAV file per key, bounded in bytes: when the total passes the
 * bound the least recently used files (oldest modification time; a hit touches it) are
 * deleted. Files are written to a temporary name and moved into place, so a crash never
 * leaves a half file under a real key; unreadable files count as misses and are removed.
 * It survives restarts: the folder is rescanned at start.
 */
final class RenderCache {

    private static final Logger LOG = LoggerFactory.getLogger(RenderCache.class);
    private static final String SUFFIX = ".wav";

    private final Path dir;
    private final long maxBytes;
    private final AtomicLong totalBytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A cache in {@code dir} bounded to {@code maxBytes}; 0 disables it. */
    RenderCache(@NonNull final Path dir, final long maxBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        if (maxBytes > 0) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new TtsException.BadConfig(
                        "render cache folder " + dir + " cannot be created: " + e.getMessage()
                                + " (set CHORUS_DATA_DIR to a writable folder, or CHORUS_TTS_CACHE_MAX_BYTES=0)",
                        e);
            }
            if (!Files.isWritable(dir)) {
                throw new TtsException.BadConfig("render cache folder " + dir + " is not writable"
                        + " (set CHORUS_DATA_DIR to a writable folder, or CHORUS_TTS_CACHE_MAX_BYTES=0)");
            }
            evict();
        }
    }

    boolean enabled() {
        return maxBytes > 0;
    }

    /** A file-name-safe key: SHA-256 of the parts joined with a separator that cannot occur in them. */
    @NonNull
    static String key(@NonNull final String... parts) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (final String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached WAV for {@code key}, marking it recently used. */
    @NonNull
    Optional<Pcm16> get(@NonNull final String key) {
        if (!enabled()) {
            return Optional.empty();
        }
        final Path file = dir.resolve(key + SUFFIX);
        try {
            final byte[] bytes = Files.readAllBytes(file);
            final Pcm16 wav = Pcm16.fromWav(bytes);
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
            hits.incrementAndGet();
            return Optional.of(wav);
        } catch (NoSuchFileException e) {
            misses.incrementAndGet();
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("Dropping unreadable cache file {}: {}", file, e.getMessage());
            delete(file);
            misses.incrementAndGet();
            return Optional.empty();
        }
    }

    /** Stores {@code wav} under {@code key}, then evicts down to the bound. */
    void put(@NonNull final String key, @NonNull final Pcm16 wav) {
        if (!enabled()) {
            return;
        }
        final byte[] bytes = wav.toWav();
        if (bytes.length > maxBytes) {
            return;
        }
        final Path file = dir.resolve(key + SUFFIX);
        final Path tmp = dir.resolve(key + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, bytes);
            final long before = Files.exists(file) ? Files.size(file) : 0;
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (totalBytes.addAndGet(bytes.length - before) > maxBytes) {
                evict();
            }
        } catch (IOException e) {
            LOG.warn("Cannot write cache file {}: {}", file, e.getMessage());
            delete(tmp);
        }
    }

    /** Bytes on disk as last counted. */
    long sizeBytes() {
        return totalBytes.get();
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** Rescans the folder and deletes least recently used files until the total fits. */
    synchronized void evict() {
        record Entry(Path path, long size, long mtime) {}
        final List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (final Path file : files) {
                final String name = file.getFileName().toString();
                try {
                    final BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
                    if (name.endsWith(".tmp")
                            && attrs.lastModifiedTime().toMillis() < System.currentTimeMillis() - 3_600_000) {
                        delete(file); // left behind by a crash
                    } else if (name.endsWith(SUFFIX) && attrs.isRegularFile()) {
                        entries.add(new Entry(
                                file, attrs.size(), attrs.lastModifiedTime().toMillis()));
                        total += attrs.size();
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list render cache " + dir, e);
        }
        if (total > maxBytes) {
            entries.sort(Comparator.comparingLong(Entry::mtime));
            for (final Entry entry : entries) {
                if (total <= maxBytes) {
                    break;
                }
                if (delete(entry.path())) {
                    total -= entry.size();
                }
            }
        }
        totalBytes.set(total);
    }

    private static boolean delete(final Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete cache file {}: {}", file, e.getMessage());
            return false;
        }
    }
}
