package dev.chorus.tts;

import io.micronaut.core.annotation.NonNull;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import marytts.util.MaryRuntimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the process-wide MaryTTS runtime once, working around its JDK version check.
 * <p>
 * MaryTTS 5.2.1 {@code EnvironmentChecks.check()} does
 * {@code Float.parseFloat(System.getProperty("java.version").substring(0, 3))}, which throws on
 * a JDK whose version string has no minor/patch part ("21", "17-ea"); MaryTTS then refuses
 * to start (marytts issues #1092, #1104). It reads the property only during start-up, so we
 * give it a parseable value ("21" → "21.0") for that call and restore the real one after.
 */
final class MaryRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(MaryRuntime.class);
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+)");
    private static boolean started;

    private MaryRuntime() {}

    /** Starts MaryTTS if not yet started; throws {@link TtsException.StartupFailed} with the reason. */
    static synchronized void ensureStarted() {
        if (started) {
            return;
        }
        final String real = System.getProperty("java.version", "");
        final String patched = parseableVersion(real);
        final long t0 = System.nanoTime();
        try {
            if (!patched.equals(real)) {
                LOG.info(
                        "java.version '{}' would make MaryTTS 5.2.1 refuse to start; presenting '{}' during start-up",
                        real,
                        patched);
                System.setProperty("java.version", patched);
            }
            MaryRuntimeUtils.ensureMaryStarted();
            started = true;
        } catch (Exception | Error e) {
            throw new TtsException.StartupFailed(
                    "MaryTTS failed to start on java.version '" + real + "': "
                            + rootMessage(e)
                            + (patched.equals(real)
                                    ? ""
                                    : " (java.version was presented as '" + patched + "' during start-up)"),
                    e);
        } finally {
            if (!patched.equals(real)) {
                System.setProperty("java.version", real);
            }
        }
        LOG.info("MaryTTS started in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * The version string MaryTTS can parse: unchanged when its first three characters are a
     * number ("17.0.15", "1.8.0_392"), else the leading number plus ".0" ("21" → "21.0").
     */
    @NonNull
    static String parseableVersion(@NonNull final String version) {
        if (maryAccepts(version)) {
            return version;
        }
        final Matcher m = LEADING_NUMBER.matcher(version);
        return (m.find() ? m.group(1) : "17") + ".0";
    }

    /** Exactly MaryTTS's own check, without the exception. */
    static boolean maryAccepts(@NonNull final String version) {
        try {
            return Float.parseFloat(version.substring(0, 3)) >= 1.499f;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String rootMessage(final Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e) : e + " caused by " + t;
    }
}
