package dev.chorus.skills.builtin;

import dev.chorus.protocol.env.EnvReader;
import dev.chorus.protocol.env.EnvSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@link SkillsSettings} through {@link EnvReader}: blank is unset, every problem names its variable. */
public final class SkillsSettingsLoader {

    public static final String TIMEZONE = "CHORUS_TIMEZONE";
    /** The POSIX variable, read when {@link #TIMEZONE} is unset. */
    public static final String TZ = "TZ";

    public static final String WEBHOOK_URLS = "CHORUS_WEBHOOK_URLS";
    public static final String WEBHOOK_INTENTS = "CHORUS_WEBHOOK_INTENTS";
    public static final String WEBHOOK_TIMEOUT = "CHORUS_WEBHOOK_TIMEOUT";

    public static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(5);

    /** An intent name as a topic level. */
    private static final Pattern INTENT_NAME = Pattern.compile("[^/+#\\s\\u0000]{1,256}");

    private SkillsSettingsLoader() {}

    /** For {@code ChorusApplication.run}: the same checks before Micronaut starts. */
    public static void check(EnvSource env) {
        load(env);
    }

    public static SkillsSettings load(EnvSource source) {
        EnvReader env = new EnvReader(source);
        return new SkillsSettings(
                zone(env),
                urls(env),
                intents(env),
                env.duration(WEBHOOK_TIMEOUT, DEFAULT_WEBHOOK_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(5)));
    }

    private static ZoneId zone(EnvReader env) {
        String name = env.isSet(TIMEZONE) ? TIMEZONE : TZ;
        String value = env.text(name, null);
        if (value == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.startsWith(":") ? value.substring(1) : value);
        } catch (DateTimeException e) {
            throw EnvReader.invalid(name, value, "a time zone id such as Europe/Berlin or UTC");
        }
    }

    private static List<URI> urls(EnvReader env) {
        String value = env.text(WEBHOOK_URLS, null);
        List<URI> urls = new ArrayList<>();
        if (value == null) {
            return urls;
        }
        for (String part : value.split(",", -1)) {
            try {
                URI uri = new URI(part.strip());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(part, "not http(s)");
                }
                urls.add(uri);
            } catch (URISyntaxException e) {
                throw EnvReader.invalid(WEBHOOK_URLS, value, "a comma-separated list of http:// or https:// URLs");
            }
        }
        return urls;
    }

    private static Optional<Set<String>> intents(EnvReader env) {
        String value = env.text(WEBHOOK_INTENTS, null);
        if (value == null || value.strip().equals("*")) {
            return Optional.empty();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (!INTENT_NAME.matcher(name).matches()) {
                throw EnvReader.invalid(
                        WEBHOOK_INTENTS, value, "* or a comma-separated list of intent names (no / + # or blanks)");
            }
            names.add(name);
        }
        return Optional.of(names);
    }
}
