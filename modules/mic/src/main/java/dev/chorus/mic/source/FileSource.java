package dev.chorus.mic.source;

import dev.chorus.mic.Listening;
import dev.chorus.mic.MicSettings;
import dev.chorus.mic.MicSettingsLoader;
import dev.chorus.mic.hermes.Frames;
import dev.chorus.mic.hermes.Reports;
import dev.chorus.protocol.audio.InvalidAudioException;
import dev.chorus.protocol.audio.PcmConverter;
import dev.chorus.protocol.audio.Wav;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAV files dropped into the inbox, streamed as a microphone would: {@code inbox/*.wav} for the module's site,
 * {@code inbox/<siteId>/*.wav} for others (a folder is a site as soon as it exists).
 *
 * <p>Two threads. The <b>clock</b> ticks once per frame at a fixed rate on the monotonic clock
 * ({@link ScheduledExecutorService#scheduleAtFixedRate}: tick n is due at start + n × frame, so it never drifts,
 * and a late tick is caught up at once); on each tick every site that streams publishes one frame: the next part of
 * its current file, or silence between files. A site that does not stream pauses: its file resumes where it stopped.
 * The <b>scanner</b> looks at the inbox every {@value #SCAN_MILLIS} ms: it takes a file once it is complete (name
 * ending in {@code .wav}, size and modification time unchanged since the previous scan: writers may also write under
 * another name and rename), converts it to 16 kHz mono 16-bit (or refuses it with an error) and hands it to the
 * clock, one file per site at a time, oldest first; and it moves streamed and refused files to {@code inbox/.done}.
 */
public final class FileSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileSource.class);

    static final long SCAN_MILLIS = 250;
    /** Where streamed and refused files go; the newest {@code CHORUS_MIC_KEEP_FILES} are kept. */
    public static final String DONE = ".done";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A converted file, ready to stream. */
    private record Loaded(Path file, byte[] samples) {}

    private record Seen(long size, FileTime modified) {}

    /** One site's playback; {@code offset} is touched by the clock thread only. */
    private static final class Site {
        final String id;
        final Path dir;
        final AtomicReference<Loaded> current = new AtomicReference<>();
        int offset;

        Site(String id, Path dir) {
            this.id = id;
            this.dir = dir;
        }
    }

    private final MicSettings settings;
    private final Listening listening;
    private final Frames frames;
    private final Reports reports;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Path> finished = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(Threads.named("mic-clock"));
    private final ScheduledExecutorService scanner =
            Executors.newSingleThreadScheduledExecutor(Threads.named("mic-inbox"));
    private final Path done;
    private final byte[] silence;

    // scanner thread only
    private final Map<Path, Seen> seen = new HashMap<>();
    private final Set<Path> inUse = new HashSet<>();
    private final Set<String> badFolders = new HashSet<>();
    private long sequence;

    public FileSource(MicSettings settings, Listening listening, Frames frames, Reports reports) throws IOException {
        this.settings = settings;
        this.listening = listening;
        this.frames = frames;
        this.reports = reports;
        this.done = settings.inboxDir().resolve(DONE);
        this.silence = new byte[settings.frameBytes()];
        Files.createDirectories(done);
    }

    public void start() {
        scanner.scheduleWithFixedDelay(this::scanQuietly, 0, SCAN_MILLIS, TimeUnit.MILLISECONDS);
        ticker.scheduleAtFixedRate(this::tickQuietly, 0, settings.frameNanos(), TimeUnit.NANOSECONDS);
        LOG.info(
                "streaming WAV files from {} (site {}) and its subfolders (one site each), {} samples per frame",
                settings.inboxDir(),
                settings.siteId(),
                settings.frameSamples());
    }

    /** The sites known now (the module's own, and one per inbox subfolder). */
    public Set<String> sites() {
        return Set.copyOf(sites.keySet());
    }

    // ---- the clock -----------------------------------------------------------------------------

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            // an exception would cancel the fixed-rate task, and every site would go silent
            LOG.error("clock tick failed", e);
        }
    }

    private void tick() {
        if (!frames.connected()) {
            return; // paused: files resume once the broker is back
        }
        for (Site site : sites.values()) {
            if (!listening.streams(site.id)) {
                continue;
            }
            Loaded file = site.current.get();
            if (file == null) {
                frames.publish(site.id, silence);
                continue;
            }
            int n = Math.min(silence.length, file.samples().length - site.offset);
            byte[] frame = Arrays.copyOfRange(file.samples(), site.offset, site.offset + silence.length);
            site.offset += n;
            frames.publish(site.id, frame); // the last frame of a file is padded with silence
            if (site.offset >= file.samples().length) {
                site.offset = 0;
                site.current.set(null);
                finished.add(file.file());
                LOG.info("site {}: streamed {}", site.id, file.file().getFileName());
            }
        }
    }

    // ---- the scanner ---------------------------------------------------------------------------

    private void scanQuietly() {
        try {
            scan();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot scan the inbox {}: {}", settings.inboxDir(), e.toString());
        }
    }

    private void scan() throws IOException {
        for (Path file; (file = finished.poll()) != null; ) {
            retire(file, false);
        }
        discoverSites();
        Set<Path> present = new HashSet<>();
        for (Site site : sites.values()) {
            List<Path> ready;
            try {
                ready = readyFiles(site, present);
            } catch (IOException e) {
                if (!site.id.equals(settings.siteId()) && !Files.isDirectory(site.dir)) {
                    sites.remove(site.id); // its folder is gone, and the file it was streaming with it
                    LOG.info("site {}: inbox folder removed", site.id);
                } else {
                    LOG.warn("site {}: cannot list {}: {}", site.id, site.dir, e.toString());
                }
                continue;
            }
            if (site.current.get() == null && !ready.isEmpty()) {
                load(site, ready.get(0));
            }
        }
        seen.keySet().retainAll(present);
    }

    private void discoverSites() throws IOException {
        Path inbox = settings.inboxDir();
        Files.createDirectories(inbox);
        sites.computeIfAbsent(settings.siteId(), id -> new Site(id, inbox));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(inbox, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".") || sites.containsKey(name)) {
                    continue;
                }
                if (!MicSettingsLoader.validSite(name)) {
                    if (badFolders.add(name)) {
                        LOG.warn(
                                "ignoring inbox folder \"{}\": not a site id (one topic level, no / + # or blanks)",
                                name);
                    }
                    continue;
                }
                sites.put(name, new Site(name, dir));
                LOG.info("site {}: inbox folder {}", name, dir);
            }
        }
    }

    /** The site's complete files, oldest first; every WAV file seen goes into {@code present}. */
    private List<Path> readyFiles(Site site, Set<Path> present) throws IOException {
        List<Path> ready = new ArrayList<>();
        List<Path> wavs;
        try (Stream<Path> files = Files.list(site.dir)) {
            wavs = files.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .filter(Files::isRegularFile)
                    .toList();
        }
        Map<Path, FileTime> modified = new HashMap<>();
        for (Path file : wavs) {
            if (inUse.contains(file)) {
                continue;
            }
            Seen now;
            try {
                now = new Seen(Files.size(file), Files.getLastModifiedTime(file));
            } catch (IOException e) {
                continue; // renamed or deleted meanwhile
            }
            present.add(file);
            if (now.equals(seen.put(file, now))) {
                ready.add(file);
                modified.put(file, now.modified());
            }
        }
        ready.sort(Comparator.comparing((Path p) -> modified.get(p)).thenComparing(Path::toString));
        return ready;
    }

    private void load(Site site, Path file) {
        inUse.add(file);
        byte[] bytes = new byte[0];
        try {
            long size = Files.size(file);
            if (size > settings.maxFileBytes()) {
                throw new InvalidAudioException("too large: " + size + " bytes, limit " + settings.maxFileBytes() + " ("
                        + MicSettingsLoader.MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
            Wav.Audio audio = Wav.parse(bytes);
            byte[] samples = PcmConverter.toTarget(audio.format(), audio.samples());
            site.current.set(new Loaded(file, samples));
            LOG.info(
                    "site {}: {} ({}, {} ms){}",
                    site.id,
                    file.getFileName(),
                    audio.format(),
                    audio.duration().toMillis(),
                    PcmConverter.TARGET.equals(audio.format()) ? "" : ", converted to " + PcmConverter.TARGET);
        } catch (InvalidAudioException e) {
            reports.error(site.id, file.getFileName().toString(), bytes, "cannot stream: " + e.getMessage());
            retire(file, true);
        } catch (IOException e) {
            reports.error(site.id, file.getFileName().toString(), bytes, "cannot read: " + e);
            retire(file, true);
        }
    }

    /** Moves a streamed or refused file to {@code .done} (refused ones get {@code .refused} appended), keeping the newest. */
    private void retire(Path file, boolean refused) {
        inUse.remove(file);
        seen.remove(file);
        try {
            if (settings.keepFiles() == 0) {
                Files.deleteIfExists(file);
                return;
            }
            String site = file.getParent().equals(settings.inboxDir())
                    ? settings.siteId()
                    : file.getParent().getFileName().toString();
            String name = STAMP.format(clock.instant()) + "-" + String.format("%06d", ++sequence % 1_000_000) + "_"
                    + site + "_" + file.getFileName() + (refused ? ".refused" : "");
            Files.move(file, done.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            trimDone();
        } catch (IOException e) {
            // left in place and ignored until a restart, rather than streamed (or refused) again and again
            inUse.add(file);
            LOG.warn("cannot move {} to {}, ignoring it until restarted: {}", file, done, e.toString());
        }
    }

    private void trimDone() throws IOException {
        List<Path> kept;
        try (Stream<Path> files = Files.list(done)) {
            kept = files.sorted(Comparator.comparing(Path::getFileName).reversed())
                    .toList();
        }
        for (Path old : kept.subList(Math.min(settings.keepFiles(), kept.size()), kept.size())) {
            Files.deleteIfExists(old);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        scanner.shutdownNow();
    }
}
