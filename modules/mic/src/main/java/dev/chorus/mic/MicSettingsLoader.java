package dev.chorus.mic;

import dev.chorus.mic.MicSettings.Source;
import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates {@link MicSettings} through {@link EnvReader}: blank counts as unset, and every problem is a
 * {@link dev.chorus.protocol.env.ConfigException} naming the variable.
 */
public final class MicSettingsLoader {

    public static final String SOURCE = "CHORUS_MIC_SOURCE";
    public static final String SITE_ID = "CHORUS_SITE_ID";
    public static final String FRAME_SAMPLES = "CHORUS_MIC_FRAME_SAMPLES";
    public static final String KEEP_FILES = "CHORUS_MIC_KEEP_FILES";
    public static final String MAX_FILE_BYTES = "CHORUS_MIC_MAX_FILE_BYTES";
    public static final String UDP_PORT = "CHORUS_MIC_UDP_PORT";
    public static final String UDP_SITES = "CHORUS_MIC_UDP_SITES";
    public static final String DEVICE = "CHORUS_MIC_DEVICE";

    /** Rhasspy's audio input services send 2048-byte chunks: 1024 samples, 64 ms. */
    public static final int DEFAULT_FRAME_SAMPLES = 1024;

    public static final int DEFAULT_KEEP_FILES = 20;
    public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
    /** Subfolder of the data folder that files are dropped into. */
    public static final String INBOX = "inbox";

    /** One MQTT topic level: no / + #, no blanks or control characters, not only dots. */
    private static final Pattern SITE = Pattern.compile("(?!\\.+$)[^/+#\\s\\u0000-\\u001f]{1,64}");

    private MicSettingsLoader() {}

    public static MicSettings load(EnvSource source, Path dataDir) {
        EnvReader env = new EnvReader(source);
        Set<Source> sources = sources(env);
        String siteId = env.text(SITE_ID, "default");
        if (!validSite(siteId)) {
            throw EnvReader.invalid(SITE_ID, siteId, siteRule());
        }
        int frameSamples = env.integer(FRAME_SAMPLES, DEFAULT_FRAME_SAMPLES, 160, 16_000);
        int keepFiles = env.integer(KEEP_FILES, DEFAULT_KEEP_FILES, 0, 100_000);
        long maxFileBytes = env.size(MAX_FILE_BYTES, DEFAULT_MAX_FILE_BYTES, 1024, 1L << 30);
        Optional<Integer> udpPort =
                env.isSet(UDP_PORT) ? Optional.of(env.integer(UDP_PORT, 0, 1, 65_535)) : Optional.empty();
        if (sources.contains(Source.UDP) && udpPort.isEmpty()) {
            throw new dev.chorus.protocol.env.ConfigException(
                    UDP_PORT, "not set, and " + SOURCE + " includes udp (give the port to receive raw PCM on)");
        }
        Map<String, String> udpSites = udpSites(env);
        String device = env.text(DEVICE, "default");
        return new MicSettings(
                sources,
                siteId,
                frameSamples,
                dataDir.resolve(INBOX),
                keepFiles,
                maxFileBytes,
                udpPort,
                udpSites,
                device);
    }

    /** Whether {@code siteId} can be a topic level (also used for the inbox's subfolder names). */
    public static boolean validSite(String siteId) {
        return SITE.matcher(siteId).matches();
    }

    private static String siteRule() {
        return "a site id: one topic level of 1..64 characters without / + # or blanks";
    }

    private static Set<Source> sources(EnvReader env) {
        String v = env.text(SOURCE, "file");
        Set<Source> sources = EnumSet.noneOf(Source.class);
        for (String part : v.split(",", -1)) {
            String name = part.strip().toUpperCase(Locale.ROOT);
            try {
                sources.add(Source.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw EnvReader.invalid(SOURCE, v, "a comma-separated list of file, udp, device");
            }
        }
        return sources;
    }

    /** {@code 10.0.0.7=kitchen,10.0.0.8=hall}: the sender's IP address, then its site. */
    private static Map<String, String> udpSites(EnvReader env) {
        String v = env.text(UDP_SITES, null);
        Map<String, String> sites = new LinkedHashMap<>();
        if (v == null) {
            return sites;
        }
        String expected = "a comma-separated list of ADDRESS=SITE (e.g. 10.0.0.7=kitchen), each an IP address"
                + " and a site id without / + # or blanks";
        for (String part : v.split(",", -1)) {
            String[] pair = part.strip().split("=", -1);
            if (pair.length != 2 || !validSite(pair[1].strip()) || !isIpAddress(pair[0].strip())) {
                throw EnvReader.invalid(UDP_SITES, v, expected);
            }
            sites.put(address(pair[0].strip()), pair[1].strip());
        }
        return sites;
    }

    private static boolean isIpAddress(String text) {
        return text.matches("[0-9.]{7,15}") || text.matches("\\[?[0-9A-Fa-f:.]{2,45}]?");
    }

    /** The canonical text of an IP address, as {@link InetAddress#getHostAddress()} gives it for a sender. */
    static String address(String ip) {
        try {
            return InetAddress.getByName(ip.replace("[", "").replace("]", "")).getHostAddress();
        } catch (UnknownHostException e) {
            throw EnvReader.invalid(UDP_SITES, ip, "an IP address");
        }
    }
}
