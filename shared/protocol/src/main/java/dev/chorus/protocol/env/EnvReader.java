package dev.chorus.protocol.env;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reading of environment variables, the one place where Chorus turns variable text into values.
 *
 * <p>Rules for every variable (docs/configuration.md, "Value formats"):
 * <ul>
 *   <li>Surrounding blanks are ignored, and an empty or blank value counts as unset: Compose writes
 *       {@code X=} for {@code ${X:-}}. Unset takes the caller's default.</li>
 *   <li>Whole numbers: optional sign and digits ({@code 20}, {@code -1}).</li>
 *   <li>Sizes: a whole number of bytes, or a number with {@code K}, {@code M} or {@code G} (binary: 1K = 1024),
 *       optionally followed by {@code B} or {@code iB}, case-insensitive: {@code 512}, {@code 64K},
 *       {@code 1.5M}, {@code 16MiB}, {@code 1g}. A fraction of a byte is dropped.</li>
 *   <li>Durations: a number and an optional unit {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}:
 *       {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1.5h}. A plain number is in the variable's unit
 *       (seconds unless its name says otherwise). Resolution: one millisecond.</li>
 *   <li>Booleans: {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}, {@code 1}/{@code 0}.</li>
 *   <li>Secrets are never values: {@code X_FILE} names a file holding the secret; trailing line breaks are
 *       not part of it.</li>
 * </ul>
 *
 * <p>Every problem is a {@link ConfigException} in one format,
 * {@code VARIABLE: "value" is not <what was expected>[ (<examples or reason>)]}, built by {@link #invalid}.
 */
public final class EnvReader {

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][+-]?\\d{1,3})?");
    private static final Pattern SIZE =
            Pattern.compile("(\\d{1,19}(?:\\.\\d{1,9})?)\\s*(?:([kmg])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION =
            Pattern.compile("(\\d{1,15}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");
    private static final String SIZE_EXAMPLES = "examples: 512, 64K, 16M, 1G";
    private static final String DURATION_EXAMPLES = "examples: 500ms, 30s, 5m, 1h";
    private static final int MAX_SHOWN = 200;

    private final EnvSource env;

    public EnvReader(EnvSource env) {
        this.env = env;
    }

    /** True when the variable has a value (not unset, not blank). */
    public boolean isSet(String name) {
        return raw(name) != null;
    }

    /** The value, stripped, or {@code fallback} (may be null) when unset. Control characters are refused. */
    public String text(String name, String fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw invalid(name, v, "text without control characters");
        }
        return v;
    }

    /** A whole number in {@code min..max}. */
    public long number(String name, long fallback, long min, long max) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (WHOLE.matcher(v).matches()) {
            try {
                long n = Long.parseLong(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // beyond long: reported below, with the range
            }
        }
        throw invalid(name, v, "a whole number between " + min + " and " + max);
    }

    /** {@link #number} for values that are Java ints. */
    public int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    /** A finite decimal number in {@code min..max}: {@code 0.25}, {@code 1}, {@code 1e-3}. */
    public double decimal(String name, double fallback, double min, double max) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        if (DECIMAL.matcher(v).matches()) {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d) && d >= min && d <= max) {
                return d;
            }
        }
        throw invalid(name, v, "a number between " + decimalText(min) + " and " + decimalText(max));
    }

    /** A size in bytes in {@code min..max} (see the class comment for the format). */
    public long size(String name, long fallback, long min, long max) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        Matcher m = SIZE.matcher(v);
        if (m.matches() && (m.group(2) != null || m.group(1).indexOf('.') < 0)) {
            int shift = m.group(2) == null
                    ? 0
                    : switch (Character.toLowerCase(m.group(2).charAt(0))) {
                        case 'k' -> 10;
                        case 'm' -> 20;
                        default -> 30;
                    };
            BigDecimal bytes = new BigDecimal(m.group(1))
                    .multiply(BigDecimal.valueOf(1L << shift))
                    .setScale(0, RoundingMode.DOWN);
            if (bytes.compareTo(BigDecimal.valueOf(min)) >= 0 && bytes.compareTo(BigDecimal.valueOf(max)) <= 0) {
                return bytes.longValueExact();
            }
        }
        throw invalid(
                name, v, "a size between " + sizeText(min) + " and " + sizeText(max) + " (" + SIZE_EXAMPLES + ")");
    }

    /** {@link #size} for values that are Java ints. */
    public int intSize(String name, int fallback, int min, int max) {
        return (int) size(name, fallback, min, max);
    }

    /** A duration in {@code min..max}; a plain number is seconds. */
    public Duration duration(String name, Duration fallback, Duration min, Duration max) {
        return duration(name, fallback, min, max, ChronoUnit.SECONDS);
    }

    /** A duration in {@code min..max}; a plain number is in {@code plainUnit} (for names that end in _HOURS). */
    public Duration duration(String name, Duration fallback, Duration min, Duration max, ChronoUnit plainUnit) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            Duration unit = m.group(2) == null ? plainUnit.getDuration() : unit(m.group(2));
            BigDecimal millis = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.toMillis()));
            if (millis.stripTrailingZeros().scale() <= 0
                    && millis.compareTo(BigDecimal.valueOf(min.toMillis())) >= 0
                    && millis.compareTo(BigDecimal.valueOf(max.toMillis())) <= 0) {
                return Duration.ofMillis(millis.longValueExact());
            }
        }
        throw invalid(
                name,
                v,
                "a duration between " + durationText(min) + " and " + durationText(max) + " ("
                        + DURATION_EXAMPLES
                        + (plainUnit == ChronoUnit.SECONDS
                                ? "; a plain number is seconds)"
                                : "; a plain number is " + plainUnit.toString().toLowerCase(Locale.ROOT) + ")"));
    }

    /**
     * A duration in whole seconds (what MQTT carries), as a number of seconds in {@code minSeconds..maxSeconds}:
     * {@code 86400}, {@code 1d}, {@code 90m}; {@code 1.5} is refused rather than cut.
     */
    public long seconds(String name, long fallback, long minSeconds, long maxSeconds) {
        Duration d = duration(
                name, Duration.ofSeconds(fallback), Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds));
        if (d.toMillis() % 1000 != 0) {
            throw invalid(
                    name,
                    raw(name),
                    "a whole number of seconds between " + minSeconds + " and " + maxSeconds + " (" + DURATION_EXAMPLES
                            + ")");
        }
        return d.toSeconds();
    }

    /** A boolean: true/false, yes/no, on/off, 1/0, any case. */
    public boolean bool(String name, boolean fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(name, v, "true or false (also yes/no, on/off, 1/0)");
        };
    }

    /** One of the constants of {@code type}, matched case-insensitively; the error lists them all. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw invalid(
                name,
                v,
                "one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
    }

    /** {@code host:port}, the host a name or an IPv4 address or a bracketed IPv6 address, the port 1..65535. */
    public HostPort hostPort(String name, HostPort fallback) {
        String v = raw(name);
        if (v == null) {
            return fallback;
        }
        Matcher m = HOST_PORT.matcher(v);
        if (m.matches()) {
            int port = Integer.parseInt(m.group(2));
            if (port >= 1 && port <= 65_535) {
                return new HostPort(m.group(1), port);
            }
        }
        throw invalid(name, v, "a host:port (examples: broker:1883, 10.0.0.5:8080, [::1]:1883)");
    }

    /**
     * An absolute URI with a host, one of {@code schemes}, without user info (credentials are files, never
     * variables) and with a port in 1..65535 when it has one. {@code fallback} is parsed the same way.
     */
    public URI uri(String name, String fallback, Set<String> schemes) {
        String v = raw(name);
        String text = v == null ? fallback : v;
        if (text == null) {
            return null;
        }
        String expected =
                "a " + schemes.stream().sorted().map(s -> s + "://").collect(Collectors.joining(" or ")) + " URI";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid(name, text, expected);
        }
        if (uri.getScheme() == null
                || !schemes.contains(uri.getScheme())
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getPort() == 0
                || uri.getPort() > 65_535) {
            throw invalid(name, text, expected);
        }
        return uri;
    }

    /** A path (not checked to exist), or {@code fallback} (may be null) when unset. */
    public Path path(String name, Path fallback) {
        String v = text(name, null);
        return v == null ? fallback : toPath(name, v);
    }

    /**
     * An existing regular file that can be read. {@code fallback} is checked the same way; null makes the
     * variable required.
     */
    public Path file(String name, String fallback) {
        String v = text(name, null);
        String text = v == null ? fallback : v;
        if (text == null) {
            throw new ConfigException(name, "not set (it names a file, and there is no default)");
        }
        Path file = toPath(name, text);
        if (!Files.exists(file)) {
            throw invalid(name, text, "a readable file (there is no such file)");
        }
        if (!Files.isRegularFile(file)) {
            throw invalid(name, text, "a readable file (it is a folder or a device)");
        }
        if (!Files.isReadable(file)) {
            throw invalid(name, text, "a readable file (no permission to read it)");
        }
        return file;
    }

    /**
     * The secret held by the file that {@code fileVariable} (an {@code X_FILE} name) names, default
     * {@code fallbackFile}: its bytes without trailing line breaks, never empty. The caller should clear the
     * array once it is used.
     */
    public byte[] secret(String fileVariable, String fallbackFile) {
        Path file = file(fileVariable, fallbackFile);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw invalid(fileVariable, file.toString(), "a readable file (" + e + ")");
        }
        int end = content.length;
        while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
            end--;
        }
        byte[] secret = Arrays.copyOf(content, end);
        Arrays.fill(content, (byte) 0);
        if (secret.length == 0) {
            throw invalid(fileVariable, file.toString(), "a file with a secret (it is empty)");
        }
        return secret;
    }

    /**
     * The one error format: {@code NAME: "value" is not <expected>}. For checks a caller makes on top of a
     * typed getter (a module name's characters, a list's items), so that they read like the getters' own.
     */
    public static ConfigException invalid(String name, String value, String expected) {
        return new ConfigException(name, "\"" + printable(value) + "\" is not " + expected);
    }

    /** The value with control characters escaped and cut at 200 characters, to show in one log line. */
    public static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(MAX_SHOWN).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > MAX_SHOWN ? out + "…" : out.toString();
    }

    private String raw(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static Path toPath(String name, String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw invalid(name, text, "a path (" + e.getReason() + ")");
        }
    }

    private static Duration unit(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }

    /** 1024 → 1K, 65536 → 64K, 100 → 100: the largest unit that divides it. */
    static String sizeText(long bytes) {
        String[] units = {"G", "M", "K"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** 86400 s → 1d, 600 s → 10m, 1.5 s → 1500ms: the largest unit that divides it. */
    static String durationText(Duration d) {
        long ms = d.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms != 0 && ms % sizes[i] == 0) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    private static String decimalText(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
