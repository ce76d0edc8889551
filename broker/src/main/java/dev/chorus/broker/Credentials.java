package dev.chorus.broker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The passwords the broker accepts, one file per principal (Docker-secret style): the file name
 * is the principal, its content the password. Only SHA-256 digests are kept in memory. A principal
 * added later (a satellite, scripts/add-satellite.sh) is read from its file at its first login, so adding
 * one needs no broker restart; a changed password of a known principal still does.
 */
public final class Credentials {

    private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path dir;
    private final Map<String, byte[]> digests;

    private Credentials(final Path dir, final Map<String, byte[]> digests) {
        this.dir = dir;
        this.digests = new ConcurrentHashMap<>(digests);
    }

    public static Credentials load(final Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("credentials folder does not exist: " + dir);
        }
        final Map<String, byte[]> digests = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (final Path file : (Iterable<Path>) files::iterator) {
                final String principal = file.getFileName().toString();
                // Kubernetes/Docker secret folders contain dot-files and symlinked "..data" dirs.
                if (principal.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                final String password =
                        Files.readString(file, StandardCharsets.UTF_8).strip();
                if (password.isEmpty()) {
                    throw new IllegalArgumentException("empty password file: " + file);
                }
                digests.put(principal, sha256(password.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read credentials folder " + dir + ": " + e.getMessage(), e);
        }
        if (digests.isEmpty()) {
            throw new IllegalArgumentException("no credentials in " + dir + " (one file per principal)");
        }
        return new Credentials(dir, digests);
    }

    /** Constant-time check of a presented password. */
    public boolean accepts(final String principal, final ByteBuffer password) {
        final byte[] expected = digests.computeIfAbsent(principal, this::readLater);
        final byte[] presented = new byte[password.remaining()];
        password.duplicate().get(presented);
        final byte[] digest = sha256(presented);
        return expected != null & MessageDigest.isEqual(digest, expected != null ? expected : new byte[digest.length]);
    }

    /** The digest of a principal's file that appeared after start, or null (then nothing is cached). */
    private byte[] readLater(final String principal) {
        if (!PRINCIPAL.matcher(principal).matches()) {
            return null;
        }
        try {
            final Path file = dir.resolve(principal);
            final String password = Files.isRegularFile(file)
                    ? Files.readString(file, StandardCharsets.UTF_8).strip()
                    : "";
            return password.isEmpty() ? null : sha256(password.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    public Set<String> principals() {
        return digests.keySet();
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
