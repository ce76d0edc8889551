package dev.chorus.runtime.journal;

import dev.chorus.runtime.mqtt.InboundMessage;
import dev.chorus.runtime.mqtt.internal.CurrentAck;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests a module has accepted and not finished, on disk in its data folder, so that a crash does not lose
 * them: a handler that starts something long (a say that waits for its playFinished) {@link #record}s the
 * message, which writes it durably and then releases its MQTT ack (the broker forgets it); the module marks it
 * {@link Entry#complete()} when done; on start it resumes what {@link #takeUnfinished()} returns.
 *
 * <p>One file per entry (written to a temporary file, fsynced, renamed, directory fsynced) rather than one
 * append-only log: an entry is small, lives for seconds, and its progress is rewritten in place (a say's
 * first unspoken sentence), so there is nothing to compact and a torn write only ever loses the temporary
 * file. Names sort in arrival order.
 *
 * <p>A message recorded by the previous run whose ack never reached the broker (the crash came between the
 * fsync and the PUBACK) is delivered again: {@link #record} recognises it by its topic and payload and returns
 * empty, since the previous run's entry is already being resumed.
 */
public final class Journal {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private static final int MAGIC = 0x43484a31; // "CHJ1"
    private static final String SUFFIX = ".entry";

    private final Path dir;
    private final AtomicLong sequence;
    /** Entries of the previous run, by digest, until they complete: a redelivered copy is not recorded twice. */
    private final Map<String, Entry> previous = new ConcurrentHashMap<>();

    private List<Entry> unfinished = List.of();

    private Journal(Path dir) {
        this.dir = dir;
        this.sequence = new AtomicLong();
    }

    /** A stored entry before its journal exists. */
    private record Stored(long sequence, String topic, String progress, byte[] payload) {}

    /**
     * Opens (creating) the journal in {@code dir}, typically {@code CHORUS_DATA_DIR/journal/<what>}, and reads
     * the entries the previous run left; unreadable ones (a disk error) are logged and set aside.
     */
    public static Journal open(Path dir) {
        try {
            Files.createDirectories(dir);
            List<Stored> entries = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".tmp")) {
                        Files.deleteIfExists(file); // a write the crash cut short: its ack never went
                    } else if (name.endsWith(SUFFIX)) {
                        try {
                            entries.add(read(file));
                        } catch (IOException | RuntimeException e) {
                            LOG.error("journal entry {} unreadable, set aside: {}", file, e.toString());
                            Files.move(file, file.resolveSibling(name + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            if (!entries.isEmpty()) {
                LOG.info("journal {}: {} unfinished from the previous run", dir, entries.size());
            }
            Journal journal = new Journal(dir);
            List<Entry> unfinished = new ArrayList<>();
            for (Stored s : entries) {
                Entry e = new Entry(journal, s.sequence, s.topic, s.payload, digest(s.topic, s.payload), s.progress);
                unfinished.add(e);
                journal.previous.put(e.digest, e);
                journal.sequence.accumulateAndGet(s.sequence, Math::max);
            }
            journal.unfinished = List.copyOf(unfinished);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + dir, e);
        }
    }

    /**
     * The entries the previous run left unfinished, in arrival order, once (later calls return nothing).
     * The caller resumes each and completes it.
     */
    public synchronized List<Entry> takeUnfinished() {
        List<Entry> out = unfinished;
        unfinished = List.of();
        return out;
    }

    /**
     * Writes the message durably, then releases its MQTT ack when called from its handler.
     *
     * @return the entry; empty when the previous run recorded the same message and it is still unfinished
     *     (a redelivery: the ack is released and the caller drops it)
     * @throws UncheckedIOException when it cannot be written: the ack is then held, the message comes again
     */
    public Optional<Entry> record(InboundMessage message) {
        return record(message.topic(), message.payload(), "");
    }

    /** {@link #record(InboundMessage)} with a first progress mark. */
    public Optional<Entry> record(String topic, byte[] payload, String progress) {
        String digest = digest(topic, payload);
        if (previous.containsKey(digest)) {
            LOG.info("{}: delivered again, already resumed from the journal", topic);
            CurrentAck.release();
            return Optional.empty();
        }
        Entry e = new Entry(this, sequence.incrementAndGet(), topic, payload.clone(), digest, progress);
        write(e);
        CurrentAck.release();
        return Optional.of(e);
    }

    /** Entries written and not completed (this run's and the previous run's). */
    public int size() {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.toString().endsWith(SUFFIX)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One recorded message and how far it got. */
    public static final class Entry {
        private final Journal journal;
        private final long sequence;
        private final String topic;
        private final byte[] payload;
        private final String digest;
        private volatile String progress;
        private volatile boolean completed;

        private Entry(Journal journal, long sequence, String topic, byte[] payload, String digest, String progress) {
            this.journal = journal;
            this.sequence = sequence;
            this.topic = topic;
            this.payload = payload;
            this.digest = digest;
            this.progress = progress == null ? "" : progress;
        }

        public String topic() {
            return topic;
        }

        public byte[] payload() {
            return payload.clone();
        }

        /** What the module wrote with {@link #progress(String)}; empty at first. */
        public String progress() {
            return progress;
        }

        /** Durably notes how far the request got (e.g. sentences spoken), for a resume after a crash. */
        public synchronized void progress(String mark) {
            if (!completed) {
                progress = mark == null ? "" : mark;
                journal.write(this);
            }
        }

        /** The request is finished: the entry is removed. Idempotent. */
        public synchronized void complete() {
            if (completed) {
                return;
            }
            completed = true;
            journal.previous.remove(digest, this);
            try {
                Files.deleteIfExists(journal.file(this));
            } catch (IOException e) {
                LOG.warn("cannot remove journal entry {}: {}", journal.file(this), e.toString());
            }
            journal.syncDir();
        }

        public boolean completed() {
            return completed;
        }
    }

    // ---- files -----------------------------------------------------------------------------------

    private Path file(Entry e) {
        return dir.resolve(String.format("%016d%s", e.sequence, SUFFIX));
    }

    private void write(Entry e) {
        Path file = file(e);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(e.payload.length + 256);
            try (DataOutputStream out = new DataOutputStream(buf)) {
                out.writeInt(MAGIC);
                out.writeUTF(e.topic);
                out.writeUTF(e.progress);
                out.writeInt(e.payload.length);
                out.write(e.payload);
            }
            try (FileChannel ch = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(buf.toByteArray());
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDir();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write journal entry " + file, ex);
        }
    }

    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            LOG.debug("cannot fsync {}: {}", dir, e.toString()); // some file systems refuse; the rename still holds
        }
    }

    private static Stored read(Path file) throws IOException {
        String name = file.getFileName().toString();
        long sequence = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a journal entry");
            }
            String topic = in.readUTF();
            String progress = in.readUTF();
            byte[] payload = in.readNBytes(in.readInt());
            return new Stored(sequence, topic, progress, payload);
        }
    }

    private static String digest(String topic, byte[] payload) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(payload);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
