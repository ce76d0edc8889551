import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites jars without their signature files (META-INF/*.SF, *.RSA, *.DSA, *.EC, SIG-*), as a
 * single-file program ({@code java UnsignJar.java a.jar b.jar}) on the broker's runtime libraries:
 * by broker/Dockerfile for the image and by the benchmark (bench/, ChorusUnderTest) for its copy. The JVM verifies a signed jar entry by entry as its classes load,
 * which was a fifth of the broker's start-up CPU (JFR, docs/performance.md); nothing in the broker
 * needs the signatures. Unsigned jars are left as they are.
 */
public final class UnsignJar {

    private static final Pattern SIGNATURE =
            Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+)", Pattern.CASE_INSENSITIVE);

    private UnsignJar() {}

    public static void main(final String[] args) throws IOException {
        for (final String arg : args) {
            unsign(Path.of(arg));
        }
    }

    private static void unsign(final Path jar) throws IOException {
        final Path tmp = jar.resolveSibling(jar.getFileName() + ".unsigned");
        boolean signed = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (SIGNATURE.matcher(e.getName()).matches()) {
                    signed = true;
                    continue;
                }
                final ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                copyStream(in, out);
                out.closeEntry();
            }
        }
        if (signed) {
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(tmp);
        }
    }

    private static void copyStream(final InputStream in, final OutputStream out) throws IOException {
        in.transferTo(out);
    }
}
