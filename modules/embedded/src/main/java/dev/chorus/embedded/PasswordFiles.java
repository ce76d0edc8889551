package dev.chorus.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;

/**
 * What the compose {@code mqtt-init} service does, for one process: a random password for every principal
 * that has none yet, one file per principal ({@code <data>/credentials/<principal>}, owner read/write only).
 * The broker reads the whole folder; each module gets only its own file's path. Existing files are kept, so
 * {@code operator}'s password survives restarts and can be set by writing the file.
 */
final class PasswordFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFiles() {}

    static void ensure(Path dir, Collection<String> principals) {
        try {
            createPrivateFolder(dir);
            for (String principal : principals) {
                Path file = dir.resolve(principal);
                if (!Files.exists(file)) {
                    write(file, randomPassword());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the MQTT passwords in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** 32 random bytes, base64url without padding: 43 characters, as init-credentials.sh makes them. */
    static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void createPrivateFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
        }
    }

    /** Atomically (temporary file, then rename), so a reader never sees half a password. */
    private static void write(Path file, String password) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        restrict(tmp, "rw-------");
        Files.writeString(tmp, password + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }
}
